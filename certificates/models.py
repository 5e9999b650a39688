"""Issued certificates and the template they are printed from.

An issued certificate is a record of fact: everything printed on it (name, module, dates,
template wording) is copied in when it is issued and never changes afterwards. Only its
status can change: superseded by a newer certificate, or revoked.

At most one certificate per person and module is in force (neither revoked nor superseded):
``certificates.services`` keeps the rule on every write and the database enforces it
(``certificates_one_in_force_per_person_and_module``). See ``certificates.validity``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin


class CertificateTemplate(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """The wording and look of certificates issued from now on. There is one.

    Editors' changes are draft revisions until a moderator publishes them; certificates are
    issued from the row, which always holds the published version. Only the sample preview
    shows a draft. (Wagtail settings cannot have drafts or workflows, so this is a snippet
    with one row, kept under Settings.)
    """

    partnership_name = models.CharField(
        max_length=200,
        default="Southampton Domestic Abuse and VAWG Partnership",
    )
    title = models.CharField(max_length=100, default="Certificate of completion")
    wording = models.TextField(
        default="This certifies that the person named has completed the training below.",
        help_text="One or two sentences printed under the title.",
    )
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_role = models.CharField(
        max_length=150, blank=True, default="Domestic Abuse Training Coordinator"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A PNG or JPEG logo, printed at the top left.",
    )

    panels = [
        FieldPanel("partnership_name"),
        FieldPanel("title"),
        FieldPanel("wording"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_role"),
        FieldPanel("logo"),
        HelpPanel(
            content='<p><a href="/admin/certificates-template/preview.pdf" target="_blank" '
            'rel="noopener">Preview a sample certificate</a> (save a draft first: the preview '
            "shows your latest draft). Certificates use the new wording only once a moderator "
            "has published it. Certificates already issued keep the wording they were issued "
            "with.</p>"
        ),
    ]

    class Meta:
        verbose_name = "certificate template"

    def __str__(self):
        return "Certificate template"

    @classmethod
    def load(cls) -> "CertificateTemplate":
        """The template, as published (made with the default wording if there is none)."""
        template = cls.objects.order_by("pk").first()
        return template if template is not None else cls.objects.create()

    def snapshot(self) -> dict:
        return {
            "partnership_name": self.partnership_name,
            "title": self.title,
            "wording": self.wording,
            "signatory_name": self.signatory_name,
            "signatory_role": self.signatory_role,
            "logo_id": self.logo_id,
        }


class CertificateCounter(models.Model):
    """The last number used in each year; locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class Certificate(models.Model):
    number = models.CharField(max_length=20, unique=True)
    code = models.CharField(
        max_length=40, unique=True, help_text="Secret verification code (160 bits)."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
        help_text="The completion this certificate records: one certificate each.",
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.PROTECT, related_name="certificates"
    )
    holder_name = models.CharField(max_length=150)
    module_title = models.CharField(max_length=255)
    module_revision = models.PositiveIntegerField(
        null=True, help_text="The module's published revision when this was issued."
    )
    cpd_minutes = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    template = models.JSONField(help_text="The certificate wording used, as it was.")
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes"
    )
    reissue_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissues",
        help_text="The certificate this is a copy of (the same completion, a newer name).",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_60_at = models.DateTimeField(null=True, blank=True)
    reminded_14_at = models.DateTimeField(null=True, blank=True)
    reminded_expired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        indexes = [
            models.Index(fields=["module", "expires_at"]),
            models.Index(fields=["user", "module"]),
            # The coverage dashboard's one pass (courses.selectors.coverage.Dashboard) reads
            # only this index: every column it needs, person first.
            models.Index(
                fields=["user", "revoked_at", "superseded_by", "module", "expires_at", "issued_at"],
                name="certificate_coverage_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("issued_at")),
                name="certificates_expiry_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="certificates_revocation_has_reason",
            ),
            # One in force per person and module. Rows whose holder's account was deleted
            # (user NULL) never collide: NULLs are distinct. Erasure keeps the account row.
            models.UniqueConstraint(
                fields=["user", "module"],
                condition=Q(revoked_at__isnull=True, superseded_by__isnull=True),
                name="certificates_one_in_force_per_person_and_module",
            ),
        ]
        permissions = [
            ("revoke_certificate", "Can revoke certificates"),
            ("export_certificates", "Can download certificates in bulk"),
        ]

    def __str__(self):
        return self.number
