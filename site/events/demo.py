"""Demo training sessions for ``manage.py load_demo``: a few courses with upcoming sessions.

Call :func:`load_training_sessions` after the demo accounts exist (the demo coordinator is
the trainer). Safe to run any number of times: a course that exists is left as it is. Where
demo accounts are disabled (production), nothing is added: a session needs a trainer.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import ModulePage

from .models import CourseAudience, Mode, Session, SessionDate, TrainingCourse

TRAINER_EMAIL = "coordinator@example.org"

# title, summary, module title (or None), requires approval, audience sector (or ""),
# and sessions: (days from today, start hour, hours, mode, capacity)
COURSES = [
    (
        "DASH risk assessment: a practical day",
        "How to complete the DASH risk checklist with a victim-survivor, and when to refer to "
        "Marac.",
        None,
        False,
        "",
        [(10, 9, 6, Mode.IN_PERSON, 16), (38, 9, 6, Mode.IN_PERSON, 16)],
    ),
    (
        "Marac briefing for new representatives",
        "What happens at a Multi-Agency Risk Assessment Conference and what your agency "
        "brings to it.",
        None,
        True,
        "",
        [(17, 13, 2, Mode.ONLINE, 30)],
    ),
    (
        "Domestic abuse champions' day",
        "For people who will be their team's first point of contact on domestic abuse.",
        None,
        False,
        "",
        [(24, 9, 7, Mode.IN_PERSON, 2)],
    ),
]

VENUE = "Civic Centre, Room 2\nCivic Centre Road\nSouthampton SO14 7LY"
ACCESS = "Step-free entrance on Civic Centre Road, a hearing loop and accessible toilets."
DIRECTIONS = "Ask at the main reception; Room 2 is on the ground floor."
JOINING_LINK = "https://meet.example.org/safe-city-training"


@transaction.atomic
def load_training_sessions(today: datetime.date | None = None) -> int:
    """Add the demo courses and their sessions; returns how many sessions were added."""
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    if trainer is None:
        return 0
    today = today or timezone.localdate()
    first_module = ModulePage.objects.live().order_by("path").first()
    added = 0
    for index, (title, summary, _module, approval, sector, sessions) in enumerate(COURSES):
        if TrainingCourse.objects.filter(title=title).exists():
            continue
        course = TrainingCourse.objects.create(
            title=title,
            summary=summary,
            module=first_module if index == 0 else None,
            requires_approval=approval,
        )
        if sector:
            CourseAudience.objects.create(course=course, sector=sector)
        for days, hour, hours, mode, capacity in sessions:
            start = timezone.make_aware(
                datetime.datetime.combine(
                    today + datetime.timedelta(days=days), datetime.time(hour)
                )
            )
            session = Session.objects.create(
                course=course,
                mode=mode,
                venue_address=VENUE if mode == Mode.IN_PERSON else "",
                venue_accessibility=ACCESS if mode == Mode.IN_PERSON else "",
                venue_directions=DIRECTIONS if mode == Mode.IN_PERSON else "",
                joining_link=JOINING_LINK if mode == Mode.ONLINE else "",
                trainer=trainer,
                capacity=capacity,
                booking_deadline=start - datetime.timedelta(days=2),
            )
            SessionDate.objects.create(
                session=session, starts_at=start, ends_at=start + datetime.timedelta(hours=hours)
            )
            added += 1
    return added
