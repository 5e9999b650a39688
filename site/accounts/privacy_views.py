"""The coordinator's personal-data screens in the admin: find a person, download everything we
hold about them (subject access), or erase it.

Everything here needs ``accounts.manage_learners``; downloads and erasure are POST only
(so a link or a prefetch cannot trigger them) and are written to the audit log.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from . import privacy
from .models import User

PERMISSION = "accounts.manage_learners"
MAX_RESULTS = 20


def _require_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class FindPersonForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=254,
        min_length=3,
        help_text="Their full address, or at least 3 characters of it.",
    )


class ConfirmErasureForm(forms.Form):
    email = forms.CharField(
        label="Type the person's email address to confirm",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_email(self):
        typed = self.cleaned_data["email"].strip().lower()
        if typed != self.person.email.lower():
            raise forms.ValidationError("This is not the person's email address.")
        return typed


@never_cache
def privacy_index(request):
    _require_permission(request)
    form = FindPersonForm(request.GET or None)
    people = None
    if form.is_valid():
        typed = form.cleaned_data["email"].strip()
        query = Q(email__iexact=typed) if "@" in typed else Q(email__icontains=typed)
        people = list(
            User.objects.filter(query).select_related("agency").order_by("email")[:MAX_RESULTS]
        )
    return TemplateResponse(
        request,
        "accounts/privacy/index.html",
        {"form": form, "people": people, "max_results": MAX_RESULTS},
    )


@never_cache
def privacy_person(request, pk: int):
    _require_permission(request)
    person = get_object_or_404(User.objects.select_related("agency"), pk=pk)
    return TemplateResponse(
        request,
        "accounts/privacy/person.html",
        {
            "person": person,
            "erased": privacy.is_erased(person),
            "problems": privacy.erasure_problems(person),
            "retention_years": privacy.retention_years(),
        },
    )


def _download(request, pk: int, kind: str):
    _require_permission(request)
    person = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        return redirect("privacy_person", pk=person.pk)
    if kind == "json":
        body, content_type, label = privacy.export_json(person), "application/json", "JSON"
    else:
        body, content_type, label = privacy.export_user_csv(person), "application/zip", "CSV"
    privacy.record_audit(
        "export.subject_access",
        actor=request.user,
        target=person,
        summary=f"Personal data downloaded ({label})",
    )
    response = HttpResponse(body, content_type=content_type)
    filename = privacy.export_filename(person, "json" if kind == "json" else "zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def privacy_export_json(request, pk: int):
    return _download(request, pk, "json")


@never_cache
def privacy_export_csv(request, pk: int):
    return _download(request, pk, "csv")


@never_cache
def privacy_erase(request, pk: int):
    _require_permission(request)
    person = get_object_or_404(User, pk=pk)
    if privacy.is_erased(person):
        messages.info(request, "This person's data has already been erased.")
        return redirect("privacy_person", pk=person.pk)
    problems = privacy.erasure_problems(person)
    form = ConfirmErasureForm(request.POST or None, person=person)
    if request.method == "POST" and not problems and form.is_valid():
        try:
            privacy.erase_user(person, by=request.user)
        except privacy.ErasureRefused as refusal:
            problems = [str(refusal)]
        else:
            messages.success(
                request,
                f"Account {person.pk}: personal data erased. Their certificates still verify, "
                "without a name.",
            )
            return redirect("privacy_index")
    return TemplateResponse(
        request,
        "accounts/privacy/erase.html",
        {"person": person, "form": form, "problems": problems},
    )
