from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import ContentStreamBlock
from pages.models import IntroMixin


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


# --- Safe Places -----------------------------------------------------------------------------


class VenueType(models.TextChoices):
    SHOP = "shop", "Shop"
    PUB_BAR = "pub_bar", "Pub or bar"
    CAFE_RESTAURANT = "cafe_restaurant", "Café or restaurant"
    PHARMACY = "pharmacy", "Pharmacy"
    LIBRARY = "library", "Library"
    COMMUNITY_CENTRE = "community_centre", "Community centre"
    FAITH = "faith", "Faith venue"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class VenueStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    APPROVED = "approved", "Approved (listed)"
    REJECTED = "rejected", "Rejected"
    SUSPENDED = "suspended", "Suspended"
    LAPSED = "lapsed", "Lapsed"


# Statuses in which an address is taken: a new application for it is a duplicate.
ACTIVE_STATUSES = (
    VenueStatus.SUBMITTED,
    VenueStatus.UNDER_REVIEW,
    VenueStatus.APPROVED,
    VenueStatus.SUSPENDED,
)


# Accessibility features a venue can offer: (field, label), in the order they are shown.
ACCESSIBILITY_FEATURES = (
    ("step_free", "Step-free access"),
    ("accessible_toilet", "Accessible toilet"),
    ("quiet_space", "Quiet space"),
    ("hearing_loop", "Hearing loop"),
)


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Venue(ClusterableModel):
    """A business or organisation in the Safe Places network.

    Public fields are shown in the finder once the venue is approved and located; the lead's
    name, email and phone, the staff count and the review history are private.
    """

    # Public
    name = models.CharField("organisation name", max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    venue_type = models.CharField("type", max_length=20, choices=VenueType.choices)
    address_line_1 = models.CharField("address line 1", max_length=150)
    address_line_2 = models.CharField("address line 2", max_length=150, blank=True)
    town = models.CharField("town or city", max_length=80)
    postcode = models.CharField(max_length=8, help_text="Stored in the form SO14 7LY.")
    public_phone = models.CharField(max_length=30, blank=True)
    description = models.TextField(
        "about this place",
        max_length=500,
        blank=True,
        help_text="Shown to the public: for example where to go inside, or a quiet room.",
    )
    step_free = models.BooleanField("step-free access", default=False)
    accessible_toilet = models.BooleanField(default=False)
    quiet_space = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    closed_on_bank_holidays = models.BooleanField(
        default=False, help_text="Closed on bank holidays in England, whatever the usual hours."
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    located_by = models.CharField(
        max_length=10,
        blank=True,
        choices=[("geocoder", "Postcode look-up"), ("officer", "Set by an officer")],
    )
    geocode_failures = models.PositiveSmallIntegerField(default=0)

    # Private: seen by the venue's own contacts and Safe Places officers only
    lead_name = models.CharField("name of the Safe Places lead", max_length=150)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=30)
    staff_count = models.PositiveIntegerField("number of staff")
    submission_id = models.UUIDField(
        unique=True, null=True, editable=False, help_text="Makes a double submit harmless."
    )
    address_key = models.CharField(max_length=200, editable=False, db_index=True)
    # The one-time link sent to ``contact_email``: whoever follows it signed in with exactly
    # that (verified) address becomes the venue's contact. Only its hash is kept.
    claim_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    claim_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Review and annual check
    status = models.CharField(
        max_length=20, choices=VenueStatus.choices, default=VenueStatus.SUBMITTED, db_index=True
    )
    status_reason = models.TextField(
        blank=True, help_text="Why it was rejected, suspended or lapsed (told to the venue)."
    )
    submitted_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    next_check_due = models.DateField(null=True, blank=True)
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    check_reminded_30_at = models.DateTimeField(null=True, blank=True)
    check_reminded_due_at = models.DateTimeField(null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("venue_type"),
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldPanel("town"),
                FieldPanel("postcode"),
                FieldPanel("public_phone"),
                FieldPanel("description"),
            ],
            heading="Shown to the public",
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("accessible_toilet"),
                FieldPanel("quiet_space"),
                FieldPanel("hearing_loop"),
            ],
            heading="Accessibility",
        ),
        MultiFieldPanel(
            [FieldPanel("closed_on_bank_holidays"), InlinePanel("hours", label="Day")],
            heading="Opening hours",
        ),
        MultiFieldPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading="Map pin",
            help_text="Found from the postcode. Correct it here if the pin is in the wrong place.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("staff_count"),
            ],
            heading="Private contact details",
        ),
    ]

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "latitude", "longitude"])]
        constraints = [
            models.UniqueConstraint(
                fields=["address_key"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="network_venue_one_active_per_address",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(
                        latitude__gte=-90,
                        latitude__lte=90,
                        longitude__gte=-180,
                        longitude__lte=180,
                    )
                ),
                name="network_venue_location_complete_and_in_range",
            ),
        ]
        permissions = [("review_venue", "Can review Safe Places applications")]

    def __str__(self):
        return self.name

    @property
    def is_listed(self) -> bool:
        return self.status == VenueStatus.APPROVED and self.latitude is not None

    @property
    def reference(self) -> str:
        return f"SP-{self.pk:05d}"

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in (self.address_line_1, self.address_line_2, self.town, self.postcode)
            if line
        ]

    @property
    def accessibility(self) -> list[str]:
        return [label for field, label in ACCESSIBILITY_FEATURES if getattr(self, field)]


class VenueHours(models.Model):
    """One weekday's opening hours. ``overnight`` hours close after midnight, the next day;
    ``all_day`` days are open from midnight to midnight and have no times."""

    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    closed = models.BooleanField(default=False)
    all_day = models.BooleanField(
        "open 24 hours", default=False, help_text="Open all day and all night: no times needed."
    )
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    overnight = models.BooleanField(
        default=False, help_text="Closes after midnight, on the following day."
    )

    panels = [
        FieldPanel("weekday"),
        FieldPanel("closed"),
        FieldPanel("all_day"),
        FieldPanel("opens"),
        FieldPanel("closes"),
        FieldPanel("overnight"),
    ]

    class Meta:
        ordering = ["weekday"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(fields=["venue", "weekday"], name="network_hours_one_per_day"),
            models.CheckConstraint(
                condition=(
                    models.Q(closed=True, all_day=False)
                    | models.Q(
                        all_day=True,
                        closed=False,
                        opens__isnull=True,
                        closes__isnull=True,
                        overnight=False,
                    )
                    | models.Q(
                        all_day=False,
                        opens__isnull=False,
                        closes__isnull=False,
                        overnight=True,
                        closes__lte=models.F("opens"),
                    )
                    | models.Q(
                        all_day=False,
                        opens__isnull=False,
                        closes__isnull=False,
                        overnight=False,
                        closes__gt=models.F("opens"),
                    )
                ),
                name="network_hours_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()}: {self.describe()}"

    def describe(self) -> str:
        if self.closed:
            return "Closed"
        if self.all_day:
            return "Open 24 hours"
        text = f"{_time(self.opens)} to {_time(self.closes)}"
        return text + " (next day)" if self.overnight else text

    def clean(self):
        if self.all_day and self.closed:
            raise ValidationError(
                {"all_day": "A day cannot be both closed and open 24 hours. Untick one of them."}
            )
        if self.all_day:
            self.opens = self.closes = None
            self.overnight = False
            return
        if self.closed:
            return
        if self.opens is None or self.closes is None:
            raise ValidationError("Enter opening and closing times, or mark the day as closed.")
        if not self.overnight and self.closes <= self.opens:
            raise ValidationError(
                {"closes": "Closing time must be after opening time, or tick ‘overnight’."}
            )
        if self.overnight and self.closes > self.opens:
            raise ValidationError(
                {"overnight": "Overnight hours close the next day, earlier than they open."}
            )


def _time(value) -> str:
    """12-hour clock in the GOV.UK style: 9am, 5:30pm, midnight, midday."""
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not accepted"


class VenueChange(models.Model):
    """Changes a venue's contact asked for to its public listing, until an officer decides.

    ``proposed`` holds the whole public listing as the contact left it (phone, description,
    accessibility, bank holidays and the seven days' hours, times as "HH:MM"), so the
    listing itself keeps its old values until the change is approved. A venue has at most
    one pending change: editing again replaces it.
    """

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField()
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was not accepted (told to the venue).")

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue"],
                condition=models.Q(status="pending"),
                name="network_change_one_pending_per_venue",
            ),
        ]

    def __str__(self):
        return f"Listing change for {self.venue} ({self.get_status_display().lower()})"


class VenueRole(models.TextChoices):
    CONTACT = "contact", "Contact (manages the listing)"
    STAFF = "staff", "Staff"


class VenueMembership(models.Model):
    """A person who works at a venue: its contact, or staff invited to train.

    An invitation is a membership with an email and no user yet; accepting it links the
    account that signed in with the invitation link.
    """

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="venue_memberships",
    )
    role = models.CharField(max_length=10, choices=VenueRole.choices, default=VenueRole.STAFF)
    invited_email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["venue", "role", "joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "user"],
                condition=models.Q(user__isnull=False),
                name="network_membership_once_per_person",
            ),
            models.UniqueConstraint(
                Lower("invited_email"),
                "venue",
                condition=models.Q(user__isnull=True),
                name="network_membership_one_open_invite_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(invited_email=""),
                name="network_membership_user_or_invite",
            ),
        ]

    def __str__(self):
        who = self.user or self.invited_email
        return f"{who} at {self.venue}"


@register_setting(icon="site")
class SafePlacesSettings(BaseGenericSetting):
    """How the Safe Places scheme is run: which module trains staff, and how many must hold it."""

    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The module venue staff must hold an in-date certificate for.",
    )
    minimum_trained_staff = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Approved venues need at least this many staff with an in-date certificate.",
    )
    check_interval_months = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="How often a venue confirms its details are still right.",
    )
    officer_email = models.EmailField(
        blank=True, help_text="Told when a new application arrives. Leave blank for no email."
    )

    panels = [
        FieldPanel("module"),
        FieldPanel("minimum_trained_staff"),
        FieldPanel("check_interval_months"),
        FieldPanel("officer_email"),
    ]

    class Meta:
        verbose_name = "Safe Places settings"


class SafePlacesPage(IntroMixin, Page):
    """The scheme's public landing page (/safe-places/): what Safe Places are, with links to
    the finder and the application form. Editors add pages such as "How to join" below it."""

    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "Safe Places page"
