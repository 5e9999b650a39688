"""Importing an agency's staff list in the Wagtail admin: preview, row errors, all or none."""

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from accounts import services as account_services
from accounts.audit import record
from accounts.staff_import import MAX_BYTES, parse_staff_csv

from .models import Agency

SESSION_KEY = "network_staff_import"


class StaffImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.filter(is_active=True))
    file = forms.FileField(
        label="Staff list (CSV)",
        help_text="Columns: Name, Email, Job role. Save from Excel as CSV (UTF-8 or Windows).",
    )
    headcount = forms.IntegerField(
        required=False,
        min_value=0,
        help_text="Optional: update the agency's headcount at the same time.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file must be 2 MB or smaller.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Choose a .csv file.")
        return upload


def _allowed(user) -> bool:
    return user.has_perm("accounts.manage_learners") and user.has_perm("network.change_agency")


def staff_import_view(request):
    if not _allowed(request.user):
        raise PermissionDenied
    context = {"form": StaffImportForm(), "staff": None}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.pop(SESSION_KEY, None)
        agency = Agency.objects.filter(pk=(stored or {}).get("agency")).first()
        if not stored or agency is None:
            messages.error(request, "Upload the file again: the preview has expired.")
            return redirect("network_staff_import")
        staff = parse_staff_csv(base64.b64decode(stored["data"]))
        try:
            result = account_services.import_staff(staff, agency, stored.get("headcount"))
        except account_services.StaffImportRejected:
            messages.error(request, "The list could not be imported. Nobody was added.")
            return redirect("network_staff_import")
        record(
            "import.staff",
            actor=request.user,
            target=agency,
            summary=f"Staff list imported: {result.created} added, "
            f"{result.already_registered} already registered",
        )
        messages.success(
            request,
            f"Added {result.created} people to {agency.name}"
            + (
                f"; {result.already_registered} were already registered."
                if result.already_registered
                else "."
            ),
        )
        return redirect("learners:index")
    if request.method == "POST":
        form = StaffImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            agency = form.cleaned_data["agency"]
            staff = parse_staff_csv(data)
            if not staff.errors:
                staff.errors = account_services.check_staff_against_accounts(staff, agency)
            context.update({"staff": staff, "agency": agency})
            if staff.ok:
                request.session[SESSION_KEY] = {
                    "agency": agency.pk,
                    "headcount": form.cleaned_data["headcount"],
                    "data": base64.b64encode(data).decode("ascii"),
                }
    return TemplateResponse(request, "network/admin/staff_import.html", context)
