from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

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
    context = {"form": form, "result": result, "searched": searched}
    return TemplateResponse(request, "certificates/verify.html", context, status=200)


@never_cache
@require_GET
def verify_code(request, code: str):
    if not allow(request, "verify", *VERIFY_LIMIT):
        return _too_many(request)
    certificate = by_code(code)
    context = {"form": VerifyForm(), "result": public_view(certificate) if certificate else None}
    context["searched"] = True
    return TemplateResponse(
        request, "certificates/verify.html", context, status=200 if certificate else 404
    )
