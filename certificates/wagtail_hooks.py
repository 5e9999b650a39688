import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.audit import describe_filters, record
from config.site_url import absolute
from courses.models import ModulePage
from network.models import Agency

from . import exports, services
from .models import Certificate, CertificateTemplate
from .selectors import LABELS, Status, status, status_filter


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=[(s.value, LABELS[s]) for s in Status], method="by_status"
    )
    module = django_filters.ModelChoiceFilter(queryset=ModulePage.objects.all())
    agency = django_filters.ModelChoiceFilter(
        label="Agency", field_name="user__agency", queryset=Agency.objects.all()
    )

    class Meta:
        model = Certificate
        fields = ["status", "module", "agency"]

    def by_status(self, queryset, name, value):
        return queryset.filter(status_filter(value))


def filtered(request):
    """The certificates the index shows for these filters and search words."""
    queryset = Certificate.objects.select_related("user__agency", "superseded_by")
    queryset = CertificateFilterSet(request.GET, queryset=queryset).qs
    words = request.GET.get("q", "").strip()
    if words:
        queryset = queryset.filter(
            Q(number__icontains=words)
            | Q(holder_name__icontains=words)
            | Q(user__email__icontains=words)
            | Q(module_title__icontains=words)
        )
    return queryset.order_by("-issued_at")


class CertificateIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm("certificates.export_certificates"):
            query = self.request.GET.urlencode()
            for label, name, icon in (
                ("Download CSV of this list", "certificates_export_csv", "table"),
                (
                    "Download these certificates (ZIP of PDFs)",
                    "certificates_export_zip",
                    "download",
                ),
            ):
                buttons.append(Button(label, url=f"{reverse(name)}?{query}", icon_name=icon))
        return buttons

    def search_queryset(self, queryset):
        return queryset

    def get_base_queryset(self):
        return filtered(self.request)


class CertificateInspectView(InspectView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        in_force = self.object.revoked_at is None and self.object.superseded_by_id is None
        if self.request.user.has_perm("certificates.revoke_certificate") and in_force:
            buttons.append(
                HeaderButton(
                    "Revoke",
                    url=reverse("certificates_revoke", args=[self.object.pk]),
                    icon_name="warning",
                )
            )
            if self.object.user and self.object.user.full_name != self.object.holder_name:
                buttons.append(
                    HeaderButton(
                        "Reissue with the current name",
                        url=reverse("certificates_reissue", args=[self.object.pk]),
                        icon_name="rotate",
                    )
                )
        return buttons


class StatusColumn(Column):
    def get_value(self, instance):
        return LABELS[status(instance)]


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = "Certificates"
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    filterset_class = CertificateFilterSet
    search_fields = ["number"]
    list_display = [
        "number",
        "holder_name",
        "module_title",
        "issued_at",
        "expires_at",
        StatusColumn("status", label="Status"),
    ]
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "holder_name",
        "module_title",
        "issued_at",
        "expires_at",
        "cpd_minutes",
        "superseded_by",
        "revoked_at",
        "revoked_reason",
        "revoked_by",
    ]
    form_fields = []
    copy_view_enabled = False


class RevokeForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Recorded in the audit log. Never shown on the public verification page.",
    )


def revoke_view(request, pk: int):
    if not request.user.has_perm("certificates.revoke_certificate"):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke_certificate(certificate, request.user, form.cleaned_data["reason"])
        messages.success(request, f"Certificate {certificate.number} has been revoked.")
        return redirect("certificates:inspect", certificate.pk)
    same_completion = [
        other.number
        for other in services.same_completion(certificate)
        if other.pk != certificate.pk and other.revoked_at is None
    ]
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "same_completion": same_completion},
    )


def reissue_view(request, pk: int):
    if not request.user.has_perm("certificates.revoke_certificate"):
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    if request.method == "POST":
        try:
            new = services.reissue_certificate(certificate, request.user)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("certificates:inspect", certificate.pk)
        messages.success(request, f"Reissued as {new.number}; {certificate.number} is superseded.")
        return redirect("certificates:inspect", new.pk)
    return TemplateResponse(
        request, "certificates/admin/reissue.html", {"certificate": certificate}
    )


def template_preview_view(request):
    """A sample certificate in the template's latest draft (or the live one), as a PDF.

    The only place a draft is used: certificates are issued from the published template."""
    if not request.user.has_perm("certificates.change_certificatetemplate"):
        raise PermissionDenied
    from django.http import HttpResponse
    from django.utils import timezone

    from courses.selectors import add_months

    from . import pdf

    now = timezone.now()
    sample = Certificate(
        number="SCL-0000-000000",
        code="SAMPLE",
        holder_name="Sam Sample",
        module_title="Identifying domestic abuse",
        cpd_minutes=45,
        issued_at=now,
        expires_at=add_months(now, 36),
        template=CertificateTemplate.load().get_latest_revision_as_object().snapshot(),
    )
    response = HttpResponse(
        pdf.render(sample, absolute(reverse("verify_code", args=["SAMPLE"]))),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
    return response


def _verify_url_for(request):
    """Verification links for exported PDFs: SITE_URL, never the request's host."""
    return lambda certificate: absolute(reverse("verify_code", args=[certificate.code]))


def export_csv_view(request):
    if not request.user.has_perm("certificates.export_certificates"):
        raise PermissionDenied
    record(
        "export.certificates_csv",
        actor=request.user,
        summary=f"Certificates as CSV ({describe_filters(request.GET)})",
    )
    response = StreamingHttpResponse(
        exports.stream_csv(filtered(request).iterator(chunk_size=500)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="certificates.csv"'
    return response


def export_zip_view(request):
    if not request.user.has_perm("certificates.export_certificates"):
        raise PermissionDenied
    record(
        "export.certificates_zip",
        actor=request.user,
        summary=f"Certificate PDFs as ZIP ({describe_filters(request.GET)})",
    )
    response = StreamingHttpResponse(
        exports.stream_zip(filtered(request).iterator(chunk_size=100), _verify_url_for(request)),
        content_type="application/zip",
    )
    response["Content-Disposition"] = 'attachment; filename="certificates.zip"'
    return response


class TemplateIndexView(SnippetIndexView):
    """There is one template: its listing and "add" go straight to editing it."""

    def get(self, request, *args, **kwargs):
        return redirect(self.get_edit_url_for_template())

    def get_edit_url_for_template(self):
        return reverse(
            "wagtailsnippets_certificates_certificatetemplate:edit",
            args=[CertificateTemplate.load().pk],
        )


class TemplateCreateView(SnippetCreateView):
    def dispatch(self, request, *args, **kwargs):
        return redirect(
            "wagtailsnippets_certificates_certificatetemplate:edit", CertificateTemplate.load().pk
        )


class CertificateTemplateViewSet(SnippetViewSet):
    """Settings → Certificate template: drafts, revisions and the moderators' approval."""

    model = CertificateTemplate
    icon = "doc-full"
    menu_label = "Certificate template"
    add_to_settings_menu = True
    index_view_class = TemplateIndexView
    add_view_class = TemplateCreateView
    copy_view_enabled = False


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates")


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path("certificates/<int:pk>/revoke/", revoke_view, name="certificates_revoke"),
        path("certificates/<int:pk>/reissue/", reissue_view, name="certificates_reissue"),
        path(
            "certificates-template/preview.pdf",
            template_preview_view,
            name="certificates_template_preview",
        ),
        path("certificates-export/list.csv", export_csv_view, name="certificates_export_csv"),
        path("certificates-export/pdfs.zip", export_zip_view, name="certificates_export_zip"),
    ]
