from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from badges import credential as badge_credential
from badges import forms as badge_forms
from badges.selectors import check_credential
from badges.services import NotAvailable, issue_credential
from badges.signing import CredentialError
from config.ratelimit import allow
from config.site_url import absolute

from . import pdf
from .selectors import by_code, by_number_and_code, own_certificate, public_view, status

VERIFY_LIMIT = (20, 60)  # requests per minute per address


def verify_url(request, certificate) -> str:
    """The address printed and encoded as a QR code on the certificate: SITE_URL, never the
    host the request named (the PDF is read away from the site)."""
    return absolute(reverse("verify_code", args=[certificate.code]))


@require_GET
@login_required
def certificate_detail(request, number: str):
    certificate = own_certificate(number, request.user)
    context = {
        "certificate": certificate,
        "status": status(certificate),
        "public": public_view(certificate),
        "verify_url": verify_url(request, certificate),
    }
    return TemplateResponse(request, "certificates/detail.html", context)


@require_GET
@login_required
def certificate_pdf(request, number: str):
    certificate = own_certificate(number, request.user)
    response = HttpResponse(
        pdf.render(certificate, verify_url(request, certificate)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename(certificate)}"'
    return response


@require_GET
@login_required
def certificate_badge(request, number: str):
    """The holder's certificate as a signed Open Badges 3.0 credential (in date only)."""
    certificate = own_certificate(number, request.user)
    try:
        token = issue_credential(certificate)
    except NotAvailable as error:
        raise Http404("No credential for a certificate that is not in date") from error
    response = HttpResponse(token, content_type=badge_credential.MEDIA_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{badge_credential.filename(certificate)}"'
    )
    response["Cache-Control"] = "no-store"
    return response


class VerifyForm(forms.Form):
    number = forms.CharField(
        label="Certificate number",
        max_length=20,
        help_text="For example, SCL-2026-000123",
        error_messages={"required": "Enter the certificate number"},
    )
    code = forms.CharField(
        label="Verification code",
        max_length=60,
        help_text="The code printed under the QR code on the certificate",
        error_messages={"required": "Enter the verification code"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )


def _too_many(request):
    return TemplateResponse(request, "certificates/too_many.html", status=429)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    # Bound on every POST, even an empty one, so a blank submission shows its errors.
    form = VerifyForm(request.POST if request.method == "POST" else None)
    result = None
    searched = False
    if request.method == "POST":
        if not allow(request, "verify", *VERIFY_LIMIT):
            return _too_many(request)
        if form.is_valid():
            searched = True
            certificate = by_number_and_code(form.cleaned_data["number"], form.cleaned_data["code"])
            result = public_view(certificate) if certificate else None
    context = {
        "form": form,
        "upload_form": badge_forms.CredentialUploadForm(),
        "result": result,
        "searched": searched,
    }
    return TemplateResponse(request, "certificates/verify.html", context, status=200)


CREDENTIAL_ERRORS = {
    CredentialError.NOT_A_TOKEN: badge_forms.NOT_A_CREDENTIAL,
    CredentialError.UNKNOWN_KEY: badge_forms.UNKNOWN_KEY,
    CredentialError.BAD_SIGNATURE: badge_forms.BAD_SIGNATURE,
}


@never_cache
@require_http_methods(["GET", "POST"])
def verify_credential(request):
    """The same check for an uploaded Open Badges credential: our signature, its dates, the
    revocation list, then the certificate's public facts as the code check shows them."""
    if request.method == "GET":
        return verify(request)
    if not allow(request, "verify", *VERIFY_LIMIT):
        return _too_many(request)
    upload_form = badge_forms.CredentialUploadForm(request.POST, request.FILES)
    check = None
    if upload_form.is_valid():
        try:
            check = check_credential(upload_form.cleaned_data["token"])
        except CredentialError as error:
            upload_form.add_error("credential", CREDENTIAL_ERRORS[error.reason])
    context = {
        "form": VerifyForm(),
        "upload_form": upload_form,
        "check": check,
        "result": check.certificate if check else None,
        "searched": check is not None,
    }
    return TemplateResponse(request, "certificates/verify.html", context, status=200)


@never_cache
@require_GET
def verify_code(request, code: str):
    if not allow(request, "verify", *VERIFY_LIMIT):
        return _too_many(request)
    certificate = by_code(code)
    context = {
        "form": VerifyForm(),
        "upload_form": badge_forms.CredentialUploadForm(),
        "result": public_view(certificate) if certificate else None,
        "searched": True,
    }
    return TemplateResponse(
        request, "certificates/verify.html", context, status=200 if certificate else 404
    )
