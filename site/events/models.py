"""Face-to-face and live online training: courses, sessions and bookings.

Definitions (the services and selectors rely on them; tests pin them):

- A **training course** is something taught in a room or on a call (a Marac briefing, a
  DASH risk assessment day). It may stand for an e-learning module: attending it completes
  that module. Its **audience** is a list of (sector, job role) rows, either left empty to
  mean "any"; a course with no rows is **open** to everyone.
- A **session** is one run of a course: one or more dates (start and end are aware
  datetimes, stored in UTC and shown in Europe/London), held **in person** (address,
  accessibility, directions) or **online** (a joining link shown only to people with a
  place), with a trainer, a **capacity** of at least one and a **booking deadline** (the
  last moment a booking is taken: a booking exactly on the deadline is accepted).
- A **booking** is one person's claim on a session. Its state is one of ``BookingState``.
  **Active** bookings (booked, waiting, offered) are the ones still in play: a person has at
  most one active booking per course (a database constraint). **Seats taken** are bookings
  booked or offered (a waiting person's offer holds the seat until it is accepted or
  expires), plus attended and no-show (a place that was booked and then marked): seats left
  = capacity - seats taken, never below zero.
- The **register** (``events.services.mark_attendance``): once a session has started, its
  trainer or the coordinator marks each person with a place ``ATTENDED``, ``NO_SHOW`` or
  ``LATE_CANCELLATION``. ``Booking.enrolment`` is the completed module enrolment their
  attendance gave (set once, never cleared by a later mark: revoking is the coordinator's).
- **Reminders** 7 and 1 days before the first date: ``reminded_week_at`` /
  ``reminded_day_at`` on a booking and ``trainer_reminded_*`` on a session record that one
  was sent, so each is sent once.
- **Approval**: a course that ``requires_approval`` takes a request instead of a booking:
  the booking is ``PENDING`` and, as in Totara, holds **no** seat and no place on the
  waiting list until the lead of the person's (confirmed) agency, or the coordinator,
  approves it. Approval books a seat if one is left and nobody is waiting, else joins the
  waiting list (queued from the moment of approval); declining ends it (``DECLINED``).
  A pending request is active (one per course) and can be withdrawn like any booking.
- **Feedback** (``SessionFeedback``): after the session, each person marked attended may
  answer a short evaluation once; it is reported only in groups of five or more.
- ``sequence`` counters feed the calendar invitation's SEQUENCE, so a calendar applies
  changes in order (``events.ics``).

Today's attendance records (``courses.FaceToFaceSession``, entered afterwards, counted in
coverage) are separate and untouched; ``events.services`` says how attendance feeds them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from accounts.models import JobRole
from network.models import Sector


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class BookingState(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Place offered"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    NO_SHOW = "no_show", "Did not attend"
    LATE_CANCELLATION = "late_cancellation", "Late cancellation"
    PENDING = "pending", "Awaiting approval"
    DECLINED = "declined", "Not approved"


ACTIVE_STATES = (
    BookingState.BOOKED,
    BookingState.WAITING,
    BookingState.OFFERED,
    BookingState.PENDING,
)
# What the register may mark a person with a place as.
MARKS = (BookingState.ATTENDED, BookingState.NO_SHOW, BookingState.LATE_CANCELLATION)
# States that hold one of the session's seats.
SEAT_STATES = (
    BookingState.BOOKED,
    BookingState.OFFERED,
    BookingState.ATTENDED,
    BookingState.NO_SHOW,
)


class TrainingCourse(ClusterableModel):
    """Training delivered in a room or on a call, run as one or more sessions."""

    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="One or two sentences, shown in Upcoming training.")
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_courses",
        help_text="Attending a session completes this module (and so issues its certificate). "
        "Leave empty for a course that stands alone.",
    )
    requires_approval = models.BooleanField(
        "requires agency lead approval",
        default=False,
        help_text="A booking is a request until the lead of the person's agency (or the "
        "coordinator) approves it. Requests do not hold a place until approved.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("module"),
        FieldPanel("requires_approval"),
        InlinePanel(
            "audience",
            heading="Audience",
            label="Who can book",
            help_text="Leave empty to open the course to everyone.",
        ),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "training course"

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return not self.audience.exists()


class CourseAudience(models.Model):
    """One (sector, role) pair that may book a course; empty means any sector or any role."""

    course = ParentalKey(TrainingCourse, on_delete=models.CASCADE, related_name="audience")
    sector = models.CharField(max_length=30, choices=Sector.choices, blank=True)
    job_role = models.CharField(max_length=20, choices=JobRole.choices, blank=True)

    panels = [FieldRowPanel([FieldPanel("sector"), FieldPanel("job_role")])]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "sector", "job_role"], name="events_audience_unique"
            )
        ]

    def __str__(self):
        sector = self.get_sector_display() if self.sector else "Every sector"
        role = self.get_job_role_display() if self.job_role else "every role"
        return f"{sector}, {role}"


class Session(ClusterableModel):
    """One run of a course, on one or more dates."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="sessions")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    venue_address = models.TextField(blank=True, help_text="For sessions in person.")
    venue_accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, accessible toilets, parking."
    )
    venue_directions = models.TextField(blank=True, help_text="How to get there, where to go.")
    joining_link = models.URLField(
        blank=True,
        max_length=500,
        help_text="For online sessions. Shown only to people with a place.",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sessions_trained",
    )
    capacity = models.PositiveIntegerField(default=20, help_text="How many places (at least 1).")
    booking_deadline = models.DateTimeField(
        help_text="The last moment a booking is taken (Europe/London)."
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="Calendar invitation revision."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    trainer_reminded_week_at = models.DateTimeField(null=True, blank=True, editable=False)
    trainer_reminded_day_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("trainer"), FieldPanel("capacity")]),
        FieldPanel("booking_deadline"),
        InlinePanel("dates", heading="Dates", label="Date", min_num=1),
        FieldPanel("mode"),
        MultiFieldPanel(
            [
                FieldPanel("venue_address"),
                FieldPanel("venue_accessibility"),
                FieldPanel("venue_directions"),
            ],
            heading="Venue (in person)",
        ),
        FieldPanel("joining_link"),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="events_capacity_at_least_1")
        ]

    def __str__(self):
        start = self.starts_at
        when = timezone.localtime(start).strftime("%-d %b %Y %H:%M") if start else "no date"
        return f"{self.course.title}: {when}"

    def clean(self):
        errors = {}
        if self.mode == Mode.IN_PERSON and not self.venue_address.strip():
            errors["venue_address"] = "Enter the venue's address for a session in person."
        if self.mode == Mode.ONLINE and not self.joining_link.strip():
            errors["joining_link"] = "Enter the joining link for an online session."
        if errors:
            raise ValidationError(errors)

    def _ordered_dates(self):
        return sorted(self.dates.all(), key=lambda d: d.starts_at)

    @property
    def starts_at(self):
        dates = self._ordered_dates()
        return dates[0].starts_at if dates else None

    @property
    def ends_at(self):
        dates = self._ordered_dates()
        return max(d.ends_at for d in dates) if dates else None

    @property
    def is_online(self) -> bool:
        return self.mode == Mode.ONLINE


class SessionDate(models.Model):
    """One day (or part of a day) of a session."""

    session = ParentalKey(Session, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    panels = [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])]

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_date_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%d %b %Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})


class Booking(models.Model):
    """One person's place (or place in the queue) on a session."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="bookings")
    # Copied from the session on save, so "one active booking per course" is a constraint.
    course = models.ForeignKey(
        TrainingCourse, on_delete=models.PROTECT, related_name="bookings", editable=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    state = models.CharField(max_length=20, choices=BookingState.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(
        null=True, blank=True, help_text="When a request for approval was approved or declined."
    )
    sequence = models.PositiveIntegerField(default=0, help_text="Calendar invitation revision.")
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_booking",
        help_text="The module completion this person's attendance gave (set once).",
    )
    reminded_week_at = models.DateTimeField(null=True, blank=True)
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    feedback_invited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the evaluation link was emailed (once)."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(state__in=["booked", "waiting", "offered", "pending"]),
                name="events_one_active_booking_per_course",
            ),
            models.CheckConstraint(
                condition=Q(state="offered", offer_expires_at__isnull=False) | ~Q(state="offered"),
                name="events_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["session", "state"], name="events_booking_state")]

    def __str__(self):
        return f"Booking {self.pk} ({self.get_state_display()})"

    def save(self, *args, **kwargs):
        if self.session_id and not self.course_id:
            self.course_id = self.session.course_id
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def has_place(self) -> bool:
        """Booked, or marked after the session: may see the joining link and venue detail."""
        return self.state in (BookingState.BOOKED, BookingState.ATTENDED, BookingState.NO_SHOW)


class SessionRecord(models.Model):
    """The ``courses.FaceToFaceSession`` attendance record of one session for one agency.

    Coverage and the Face-to-face sessions screen count attendance per agency, so a session
    with people from three agencies has three records, each with its agency's attendees.
    """

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="records")
    agency = models.ForeignKey("network.Agency", on_delete=models.PROTECT, related_name="+")
    record = models.OneToOneField(
        "courses.FaceToFaceSession", on_delete=models.CASCADE, related_name="training_session"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "agency"], name="events_one_record_per_agency"
            )
        ]

    def __str__(self):
        return f"{self.session} ({self.agency})"


class SessionFeedback(models.Model):
    """One attendee's evaluation of a session (one per booking, so one per attendee).

    It does not point at the person: it is reached only through their booking, and reports
    show it without names, in groups of five or more (``selectors.feedback_report``).
    """

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    do_differently = models.TextField(
        "What will you do differently after this training?", max_length=2000
    )
    confidence_before = models.PositiveSmallIntegerField()
    confidence_after = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence_before__gte=1, confidence_before__lte=5)
                & Q(confidence_after__gte=1, confidence_after__lte=5),
                name="events_feedback_confidence_1_to_5",
            )
        ]

    def __str__(self):
        return f"Feedback on booking {self.booking_id}"
