from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index

from .blocks import ContentStreamBlock


class IntroMixin(models.Model):
    """A short lead paragraph shown under the page heading."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences, shown large under the title."
    )

    class Meta:
        abstract = True


class HomePage(IntroMixin, Page):
    body = StreamField(ContentStreamBlock(), blank=True)
    support_text = RichTextField(
        blank=True,
        features=["bold", "link"],
        help_text="Shown in a panel beside the main content: where to get help now.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("support_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(IntroMixin, Page):
    """General content: about, accessibility statement, privacy notice, contact, get help."""

    body = StreamField(ContentStreamBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage", "network.SafePlacesPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "content page"


WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
WEEKDAY_NAMES = dict(WEEKDAYS)


class SupportService(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A service people can be sent to for help, chosen by "Get help" blocks everywhere.

    A changed phone number is changed here once. Editors draft; moderators publish.

    Opening hours are kept per weekday in ``opening_hours`` rows (:class:`ServiceHours`), with
    the same rules as Safe Places venues (``network.hours``): a day can be open 24 hours,
    hours can run overnight into the next day, and ``closed_on_bank_holidays`` closes the
    service on bank holidays in England whatever the usual hours. ``hours_note`` is a short
    extra line ("Answerphone outside these hours"). A service with no hours rows has "hours
    not published": it shows no "Open now" or "Closed now" tag.

    "Open now" and "Closed now" are worked out when the page is requested, in Europe/London
    time, and never cached.

    "Not checked for 6 months": ``date_checked`` is earlier than today minus 6 calendar
    months. A service checked exactly 6 months ago today is still fine; a day earlier, it is
    due (``pages.selectors.services_to_check``).
    """

    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True)
    helps_with = models.TextField(help_text="What the service helps with, in a sentence or two.")
    who_for = models.CharField(
        "who it is for",
        max_length=200,
        help_text="For example: women experiencing domestic abuse, anyone aged 16 or over.",
    )
    phone = models.CharField(max_length=40, blank=True)
    closed_on_bank_holidays = models.BooleanField(
        default=False, help_text="Closed on bank holidays in England, whatever the usual hours."
    )
    hours_note = models.CharField(
        "note about hours",
        max_length=200,
        blank=True,
        help_text="Optional, short. For example: Answerphone outside these hours.",
    )
    url = models.URLField("website", blank=True)
    source = models.CharField(
        "source title",
        max_length=300,
        help_text="The title of the page where the phone number and details are published.",
    )
    source_url = models.URLField(
        "source address", help_text="The address of the page where the details are published."
    )
    date_checked = models.DateField(
        "last checked", help_text="When the details were last checked at the source."
    )
    staff_support = models.BooleanField(
        "offer to staff",
        default=False,
        help_text="Listed under “Support for you” at the end of every module.",
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="support_service")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("helps_with"),
        FieldPanel("who_for"),
        FieldPanel("phone"),
        MultiFieldPanel(
            [
                FieldPanel("closed_on_bank_holidays"),
                InlinePanel("opening_hours", label="Day"),
                FieldPanel("hours_note"),
            ],
            heading="Opening hours",
            help_text="Leave the days empty if the service does not publish its hours.",
        ),
        FieldPanel("url"),
        FieldPanel("staff_support"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("source_url"), FieldPanel("date_checked")],
            heading="Where the details come from",
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("helps_with")]

    class Meta:
        ordering = ["name"]
        verbose_name = "support service"

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name without a copy of the number typed into it ("Police non-emergency: 101"
        shows as "Police non-emergency"), since the number is shown beside it."""
        name = self.name.strip()
        phone = self.phone.strip()
        if phone and name.endswith(phone):
            shorter = name[: -len(phone)].rstrip(" :-–—,")
            if shorter:
                return shorter
        return name

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    def hours_rows(self) -> list:
        """The hours rows, read once per instance (a page shows a service's summary and its
        open-now tag from one read). In a preview the rows live in memory; .all() returns
        them either way. Only the rows are kept: open or closed is worked out every time."""
        rows = self.__dict__.get("_hours_rows")
        if rows is None:
            rows = self.__dict__["_hours_rows"] = list(self.opening_hours.all())
        return rows

    def set_hours_rows(self, rows: list) -> None:
        """Give the instance rows already read (``pages.selectors`` reads them in bulk)."""
        self.__dict__["_hours_rows"] = rows

    @property
    def has_hours(self) -> bool:
        return any(not row.closed for row in self.hours_rows())

    def is_open(self, at=None) -> bool | None:
        """Open at ``at`` (now if not given), in Europe/London time. None when the service
        publishes no hours, so nothing is shown."""
        from network.hours import is_open

        rows = self.hours_rows()
        if not any(not row.closed for row in rows):
            return None
        moment = at if at is not None else timezone.now()
        return is_open(rows, moment, self.closed_on_bank_holidays)

    @property
    def open_now(self) -> bool | None:
        """Worked out on every call, never cached: a page must not say "Open now" at 5pm
        because it was true at 4pm."""
        return self.is_open()

    @property
    def hours_summary(self) -> str:
        """The hours in words: "24 hours, every day", "Monday to Friday, 9am to 5pm".
        Empty when no hours are published."""
        return summarise_hours(self.hours_rows())


def summarise_hours(rows) -> str:
    """Open days in weekday order, with neighbouring days of the same hours run together."""
    spans = {}
    for row in rows:
        if row.closed:
            continue
        if row.all_day:
            spans[row.weekday] = "24 hours"
        elif row.opens is not None and row.closes is not None:
            spans[row.weekday] = row.describe()
    if not spans:
        return ""
    if len(spans) == 7 and len(set(spans.values())) == 1:
        words = next(iter(spans.values()))
        return "24 hours, every day" if words == "24 hours" else f"Every day, {words}"
    runs = []  # [first weekday, last weekday, words]
    for day in sorted(spans):
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == spans[day]:
            runs[-1][1] = day
        else:
            runs.append([day, day, spans[day]])
    parts = []
    for first, last, words in runs:
        if first == last:
            days = WEEKDAY_NAMES[first]
        elif last == first + 1:
            days = f"{WEEKDAY_NAMES[first]} and {WEEKDAY_NAMES[last]}"
        else:
            days = f"{WEEKDAY_NAMES[first]} to {WEEKDAY_NAMES[last]}"
        parts.append(f"{days}, {words}")
    return "; ".join(parts)


class ServiceHours(models.Model):
    """One weekday's hours for a support service, stored as Safe Places venues store theirs
    (``network.models.VenueHours``): ``overnight`` hours close after midnight, the next day;
    ``all_day`` days are open from midnight to midnight and have no times."""

    service = ParentalKey(SupportService, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
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
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "weekday"], name="pages_service_hours_one_per_day"
            ),
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
                name="pages_service_hours_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()}: {self.describe()}"

    def describe(self) -> str:
        from network.models import _time

        if self.closed:
            return "Closed"
        if self.all_day:
            return "24 hours"
        return f"{_time(self.opens)} to {_time(self.closes)}"

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


class ContactPage(IntroMixin, Page):
    """The Contact page: the editor's text, then the contact and feedback form."""

    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    def serve(self, request, *args, **kwargs):
        from config.ratelimit import allow

        from .forms import ContactForm
        from .services import receive_contact_message

        if request.method != "POST":
            # "Tell us what you think" links here with ?topic=feedback.
            topic = request.GET.get("topic", "")
            initial = {"topic": topic} if topic in ContactMessage.Topic.values else {}
            return self._form(request, ContactForm(initial=initial))
        form = ContactForm(request.POST)
        if form.is_spam:
            return TemplateResponse(
                request, "pages/contact_refused.html", {"page": self, "refused": True}, status=400
            )
        if not form.is_valid():
            return self._form(request, form)
        # Counted only for complete messages, so correcting mistakes never locks anyone out.
        limit = getattr(settings, "CONTACT_MESSAGES_PER_HOUR", 5)
        if not allow(request, "contact-message", limit, 3600):
            return TemplateResponse(
                request, "pages/contact_refused.html", {"page": self}, status=429
            )
        receive_contact_message(
            topic=form.cleaned_data["topic"],
            message=form.cleaned_data["message"],
            reply_email=form.cleaned_data["reply_email"],
        )
        messages.success(
            request,
            "Your message has been sent. If you gave an email address, we will reply "
            "within 10 working days.",
        )
        return redirect(self.url)

    def _form(self, request, form):
        from .forms import MESSAGE_MAX

        context = self.get_context(request)
        context["contact_form"] = form
        context["message_max"] = MESSAGE_MAX
        context["form"] = form if form.is_bound else None  # the page's error summary
        return TemplateResponse(request, self.get_template(request), context)


class ContactMessage(models.Model):
    """A message sent from the Contact page. Read in the admin by the coordinator; deleted
    after ``CONTACT_MESSAGE_RETENTION_DAYS`` (``manage.py delete_old_contact_messages``)."""

    class Topic(models.TextChoices):
        TRAINING = "training", "Training, quizzes or certificates"
        ACCOUNT = "account", "Your account or signing in"
        SAFE_PLACES = "safe_places", "Safe Places"
        WEBSITE = "website", "This website or its accessibility"
        FEEDBACK = "feedback", "Feedback: tell us what you think"
        OTHER = "other", "Something else"

    topic = models.CharField(max_length=20, choices=Topic.choices)
    message = models.TextField()
    reply_email = models.EmailField(
        "reply email", blank=True, help_text="Given by the sender if they want a reply."
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "contact message"

    def __str__(self):
        return f"{self.get_topic_display()} ({timezone.localtime(self.received_at):%d %b %Y})"
