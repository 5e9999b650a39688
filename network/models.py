from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel


class Sector(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    HOUSING = "housing", "Housing"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse"
    MENTAL_HEALTH = "mental_health", "Mental health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    SPECIALIST = "specialist", "Voluntary or specialist domestic abuse service"
    BUSINESS = "business", "Business"
    OTHER = "other", "Other"


domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    "Enter a domain such as example.gov.uk, without the @ sign.",
)


class Agency(ClusterableModel):
    """A partner organisation whose staff train here, and the denominator for coverage."""

    name = models.CharField(max_length=200, unique=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    headcount = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Staff who should be trained. Coverage is measured against this number.",
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive agencies are hidden from sign-up and reports.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("sector"),
        FieldPanel("headcount"),
        FieldPanel("is_active"),
        MultiFieldPanel(
            [InlinePanel("email_domains", label="Domain")],
            heading="Email domains",
            help_text="New accounts with an email at these domains join this agency.",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class AgencyEmailDomain(models.Model):
    agency = ParentalKey(Agency, on_delete=models.CASCADE, related_name="email_domains")
    domain = models.CharField(
        max_length=253,
        unique=True,
        validators=[domain_validator],
        help_text="For example hampshire.police.uk. Subdomains match too.",
    )

    panels = [FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = (self.domain or "").strip().lower().lstrip("@")
        if self.domain in SHARED_EMAIL_DOMAINS:
            raise ValidationError(
                {
                    "domain": (
                        "This domain is shared by many organisations, so it cannot identify one."
                    )
                }
            )


# Domains used by many organisations or by the public: never evidence of an agency.
SHARED_EMAIL_DOMAINS = frozenset(
    {
        "nhs.net",
        "nhs.uk",
        "gov.uk",
        "police.uk",
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.co.uk",
        "outlook.com",
        "live.co.uk",
        "yahoo.com",
        "yahoo.co.uk",
        "icloud.com",
        "btinternet.com",
        "sky.com",
    }
)
