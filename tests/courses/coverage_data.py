"""A generated coverage data set holding every edge case of issue 15's "Why".

``build(catalogue, coordinator)`` makes, as of ``NOW`` (22 November 2026, noon, London):

- agencies: police with a headcount (10), police without one, health with a headcount of
  0, health with 2 (more people in date than headcount: over 100%), education with 11
  (5 in date: 45.45%, shown 45%), an inactive police agency;
- modules: two live, one withdrawn (unpublished after people were certified);
- requirements: the first module for the police sector (every role), the second for
  managers in every sector;
- people: in date, expiring, lapsed, expiring today, lapsed yesterday, the 60th and 61st
  day, a refresher, a revoked refresher, a late face-to-face record, a move between
  agencies, a deactivation, an erasure, unverified and unconfirmed members, first courses
  and refreshers in progress; certificates issued in this quarter and the last;
- face-to-face sessions by count only: today, the quarter's first day, the day before it.

Plus ``extra`` random people (seeded) in every agency, for the drill-down check.
"""

import datetime
import random
import zoneinfo

from allauth.account.models import EmailAddress

from accounts.factories import UserFactory
from accounts.privacy import erase_user
from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from courses.factories import module_with_lessons
from courses.models import Enrolment, FaceToFaceSession, TrainingRequirement
from network.factories import AgencyFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=LONDON)
TODAY = NOW.date()


def at(day: datetime.date, hour: int = 12, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def certify(user, module, *, issued: datetime.datetime, expires: datetime.datetime):
    """A completion and its certificate, with these dates (through the service)."""
    enrolment = Enrolment.objects.create(
        user=user, module=module, started_at=issued, completed_at=issued
    )
    certificate = issue_certificate(enrolment, now=issued)
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued, expires_at=expires)
    certificate.refresh_from_db()
    return certificate


def build(catalogue, coordinator, *, extra: int = 0, seed: int = 15) -> dict:
    police = AgencyFactory(name="Police Alpha", sector="police", headcount=10)
    no_headcount = AgencyFactory(name="Police Beta", sector="police", headcount=None)
    zero = AgencyFactory(name="Health Zero", sector="health", headcount=0)
    small = AgencyFactory(name="Health Small", sector="health", headcount=2)
    schools = AgencyFactory(name="Schools", sector="education", headcount=11)
    closed = AgencyFactory(name="Closed Agency", sector="police", headcount=5, is_active=False)
    first = module_with_lessons(catalogue, count=1, title="Identifying")
    second = module_with_lessons(catalogue, count=1, title="DARE")
    withdrawn = module_with_lessons(catalogue, count=1, title="Withdrawn")
    TrainingRequirement.objects.create(module=first, sector="police")
    TrainingRequirement.objects.create(module=second, job_role="manager")

    def person(name, agency, **kwargs):
        return UserFactory(full_name=name, agency=agency, **kwargs)

    long_ago = at(days(-700))
    last_quarter = at(datetime.date(2026, 9, 30), 23, 30)  # Q3, by London time
    this_quarter = at(datetime.date(2026, 10, 1), 0, 30)  # Q4

    # Police Alpha: one of each certificate state, at the edges of the day.
    p = {}
    for name, issued, expires in (
        ("In Date", this_quarter, at(days(400))),
        ("Expiring", long_ago, at(days(30))),
        ("Lapsed", long_ago, at(days(-5))),
        ("Expires Today", long_ago, at(TODAY, 0, 1)),  # in date through today
        ("Lapsed Yesterday", long_ago, at(days(-1), 23, 59)),
        ("Day Sixty", long_ago, at(days(60), 23, 0)),  # expiring: the 60th day counts
        ("Day Sixty One", long_ago, at(days(61), 0, 30)),  # in date, not expiring
    ):
        p[name] = person(name, police, job_role="frontline")
        certify(p[name], first, issued=issued, expires=expires)
    # A refresher: the lapsed certificate is replaced by a new one.
    p["Refreshed"] = person("Refreshed", police, job_role="manager")
    certify(p["Refreshed"], first, issued=long_ago, expires=at(days(-10)))
    certify(p["Refreshed"], first, issued=last_quarter, expires=at(days(300)))
    # A revoked refresher: revoking the newest restores the one before (certificates).
    p["Revoked Refresher"] = person("Revoked Refresher", police, job_role="manager")
    certify(p["Revoked Refresher"], first, issued=long_ago, expires=at(days(20)))
    newest = certify(p["Revoked Refresher"], first, issued=this_quarter, expires=at(days(365)))
    revoke_certificate(newest, by=coordinator, reason="Issued in error")
    # A face-to-face completion recorded late (dated before the e-learning certificate).
    p["Late Record"] = person("Late Record", police, job_role="frontline")
    certify(p["Late Record"], second, issued=this_quarter, expires=at(days(200)))
    certify(p["Late Record"], second, issued=at(datetime.date(2026, 9, 1)), expires=at(days(150)))
    # In progress: a first attempt, and a refresher under way beside a lapsed certificate.
    p["Started"] = person("Started", police, job_role="manager")
    # Started before NOW: the selectors judge a past NOW as the records stood then.
    Enrolment.objects.create(
        user=p["Started"], module=first, started_at=NOW - datetime.timedelta(days=1)
    )
    Enrolment.objects.create(
        user=p["Lapsed"], module=first, started_at=NOW - datetime.timedelta(days=1)
    )
    p["No Role"] = person("No Role", police, job_role="")

    # Moved from Police Alpha to Schools after training: counts for Schools now.
    p["Mover"] = person("Mover", police, job_role="frontline")
    certify(p["Mover"], first, issued=this_quarter, expires=at(days(100)))
    p["Mover"].agency = schools
    p["Mover"].save()
    p["Mover"].refresh_from_db()
    if p["Mover"].agency_confirmed_at is None:  # a move may need confirming again
        from django.utils import timezone

        type(p["Mover"]).objects.filter(pk=p["Mover"].pk).update(agency_confirmed_at=timezone.now())
    # Deactivated and erased: out of current figures, in historic ones.
    p["Leaver"] = person("Leaver", police)
    certify(p["Leaver"], first, issued=this_quarter, expires=at(days(300)))
    p["Leaver"].is_active = False
    p["Leaver"].save(update_fields=["is_active"])
    p["Erased"] = person("Erased", police)
    certify(p["Erased"], second, issued=last_quarter, expires=at(days(300)))
    erase_user(p["Erased"], by=coordinator)
    # Never counted: an unverified email, an unconfirmed membership.
    p["Unverified"] = person("Unverified", police)
    EmailAddress.objects.filter(user=p["Unverified"]).update(verified=False)
    p["Unconfirmed"] = person("Unconfirmed", police, agency_confirmed_at=None)
    for outsider in (p["Unverified"], p["Unconfirmed"]):
        certify(outsider, first, issued=this_quarter, expires=at(days(300)))

    # Police Beta (no headcount): in the table, left out of sector coverage.
    for n in range(2):
        p[f"Beta {n}"] = person(f"Beta {n}", no_headcount, job_role="manager")
        certify(p[f"Beta {n}"], first, issued=this_quarter, expires=at(days(90)))
    # Health Zero (headcount 0) and Health Small (3 in date, headcount 2: over 100%).
    p["Zero"] = person("Zero", zero)
    certify(p["Zero"], second, issued=this_quarter, expires=at(days(90)))
    for n in range(3):
        p[f"Small {n}"] = person(f"Small {n}", small, job_role="manager")
        certify(p[f"Small {n}"], second, issued=last_quarter, expires=at(days(90)))
    # Schools: 5 of 11 in date (with the mover), 45.45% shown as 45%.
    for n in range(4):
        p[f"School {n}"] = person(f"School {n}", schools)
        certify(p[f"School {n}"], first, issued=long_ago, expires=at(days(40)))
    # Inactive agency and withdrawn module: never in current figures.
    p["Closed"] = person("Closed", closed)
    certify(p["Closed"], first, issued=this_quarter, expires=at(days(300)))
    p["Withdrawn Only"] = person("Withdrawn Only", police)
    certify(p["Withdrawn Only"], withdrawn, issued=this_quarter, expires=at(days(300)))
    withdrawn.unpublish()

    # Count-only face-to-face attendance: today counts this quarter, the day before the
    # quarter does not.
    for when, count in ((TODAY, 7), (datetime.date(2026, 10, 1), 5), (days(-53), 100)):
        FaceToFaceSession.objects.create(
            date=when,
            topic="Awareness",
            trainer="A. Trainer",
            agency=police,
            attendance_count=count,
        )

    rng = random.Random(seed)
    agencies = [police, no_headcount, zero, small, schools, closed]
    roles = ["frontline", "manager", "specialist", "support", ""]
    for n in range(extra):
        someone = person(f"Generated {n}", rng.choice(agencies), job_role=rng.choice(roles))
        for module in (first, second):
            roll = rng.random()
            if roll < 0.5:
                issued = at(days(-rng.randint(1, 900)))
                certify(
                    someone,
                    module,
                    issued=issued,
                    expires=issued + datetime.timedelta(days=rng.randint(1, 1100), hours=1),
                )
            if rng.random() < 0.3:
                Enrolment.objects.get_or_create(
                    user=someone, module=module, completed_at=None, defaults={"started_at": NOW}
                )
        if rng.random() < 0.05:
            someone.is_active = False
            someone.save(update_fields=["is_active"])
    return {
        "people": p,
        "agencies": {
            "police": police,
            "no_headcount": no_headcount,
            "zero": zero,
            "small": small,
            "schools": schools,
            "closed": closed,
        },
        "modules": {"first": first, "second": second, "withdrawn": withdrawn},
    }
