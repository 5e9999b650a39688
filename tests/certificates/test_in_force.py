"""One certificate in force per person and module, and expiry by the printed date (issue 15).

The rules (``certificates.validity``, ``certificates.services``): the non-revoked certificate
with the latest ``issued_at`` is in force (ties: the highest id), every other non-revoked
one is replaced by it, revoking the one in force puts the one before back; a certificate is
in date through the date it prints (Europe/London), expiring from 60 days before that date.
"""

import datetime
import importlib
import random
import zoneinfo

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from certificates import services, validity
from certificates.models import Certificate
from certificates.reminders import send_due_reminders
from certificates.selectors import Status, public_view, status, status_filter
from courses.models import Enrolment

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def complete(user, module, at) -> Certificate:
    """A completion on ``at`` (online, or a face-to-face session recorded now) and its
    certificate, as the completion signal issues it."""
    enrolment = Enrolment.objects.create(user=user, module=module, started_at=at, completed_at=at)
    return services.issue_certificate(enrolment, now=at)


def in_force(user, module) -> list[Certificate]:
    return list(Certificate.objects.filter(validity.in_force_q(), user=user, module=module))


def assert_settled(user, module) -> None:
    """The rule, recomputed from the rows: one in force, the latest; the rest point at it."""
    rows = list(Certificate.objects.filter(user=user, module=module, revoked_at__isnull=True))
    if not rows:
        assert in_force(user, module) == []
        return
    winner = max(rows, key=lambda row: (row.issued_at, row.pk))
    assert in_force(user, module) == [winner]
    for row in rows:
        assert row.superseded_by_id == (None if row == winner else winner.pk), row


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


# --- In force ------------------------------------------------------------------------------


def test_revoking_a_refresher_puts_the_earlier_certificate_back_in_force(
    client, user_with_role, module, coordinator
):
    learner = user_with_role()
    first = complete(learner, module, NOW - 400 * DAY)
    refresher = complete(learner, module, NOW - 10 * DAY)
    first.refresh_from_db()
    assert first.superseded_by == refresher
    assert in_force(learner, module) == [refresher]

    services.revoke_certificate(refresher, by=coordinator, reason="Completed by someone else")

    first.refresh_from_db()
    assert first.superseded_by is None
    assert in_force(learner, module) == [first]
    assert status(first, NOW) == Status.VALID
    # The public verification page agrees, with the date the certificate prints.
    html = client.get(reverse("verify_code", args=[first.code])).content.decode()
    assert "Certificate valid" in html
    assert "not in date" not in html
    assert validity.expires_on(first.expires_at).strftime("%-d %B %Y") in html
    html = client.get(reverse("verify_code", args=[refresher.code])).content.decode()
    assert "not in date: revoked" in html
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


@pytest.mark.parametrize(
    ("late_by", "late_wins"),
    [
        (-DAY, False),  # recorded late: dated the day before the current certificate
        (-datetime.timedelta(seconds=1), False),
        (datetime.timedelta(0), True),  # the same moment: the one issued last wins
        (datetime.timedelta(seconds=1), True),
    ],
)
def test_a_face_to_face_completion_recorded_late_leaves_one_in_force(
    user_with_role, module, late_by, late_wins
):
    learner = user_with_role()
    older = complete(learner, module, NOW - 500 * DAY)
    current = complete(learner, module, NOW - 30 * DAY)
    late = complete(learner, module, current.issued_at + late_by)
    winner, loser = (late, current) if late_wins else (current, late)
    assert in_force(learner, module) == [winner]
    for certificate in (older, loser):
        certificate.refresh_from_db()
        assert certificate.superseded_by == winner
    assert status(loser, NOW) == Status.SUPERSEDED
    assert_settled(learner, module)


def test_a_face_to_face_session_recorded_late_through_the_attendance_register(
    user_with_role, module, django_capture_on_commit_callbacks
):
    from courses.models import FaceToFaceSession
    from courses.services.learning import record_session_attendance
    from network.factories import AgencyFactory

    learner = user_with_role()
    current = complete(learner, module, NOW - 10 * DAY)
    session = FaceToFaceSession.objects.create(
        module=module,
        agency=AgencyFactory(),
        date=(NOW - 40 * DAY).date(),
        topic="DASH",
        trainer="Tr Ainer",
    )
    session.attendees.add(learner)
    with django_capture_on_commit_callbacks(execute=True):
        [enrolment] = record_session_attendance(session)
    late = Certificate.objects.get(enrolment=enrolment)
    assert late.superseded_by == current
    assert in_force(learner, module) == [current]


def test_revoking_a_replaced_certificate_changes_nothing_else(user_with_role, module, coordinator):
    learner = user_with_role()
    first = complete(learner, module, NOW - 400 * DAY)
    refresher = complete(learner, module, NOW - 10 * DAY)
    services.revoke_certificate(first, by=coordinator, reason="Issued in error")
    first.refresh_from_db()
    refresher.refresh_from_db()
    assert (first.revoked_at is not None, first.superseded_by) == (True, refresher)
    assert (refresher.revoked_at, refresher.superseded_by) == (None, None)
    assert in_force(learner, module) == [refresher]
    assert [e.target_id for e in AuditEvent.objects.filter(action="certificate.revoked")] == [
        str(first.pk)
    ]


def test_a_reissued_copy_is_the_same_completion_revoking_it_revokes_both(
    user_with_role, module, coordinator
):
    learner = user_with_role(full_name="Sam Newname")
    earlier = complete(learner, module, NOW - 800 * DAY)
    original = complete(learner, module, NOW - 100 * DAY)
    copy = services.reissue_certificate(original, by=coordinator)
    original.refresh_from_db()
    # Same issued_at: the copy (higher id) wins over its original.
    assert (copy.reissue_of, copy.superseded_by, original.superseded_by) == (original, None, copy)
    assert in_force(learner, module) == [copy]

    services.revoke_certificate(copy, by=coordinator, reason="Completed by someone else")

    original.refresh_from_db()
    copy.refresh_from_db()
    assert copy.revoked_at is not None and original.revoked_at == copy.revoked_at
    assert original.revoked_reason == "Completed by someone else"
    # The earlier completion is in force again; the original copy never comes back.
    assert in_force(learner, module) == [earlier]
    summaries = AuditEvent.objects.filter(action="certificate.revoked").values_list(
        "summary", flat=True
    )
    assert set(summaries) == {
        f"Certificate {copy.number} revoked",
        f"Certificate {original.number} revoked with {copy.number} (the same completion, reissued)",
    }
    with pytest.raises(ValueError, match="revoked certificate cannot be reissued"):
        services.reissue_certificate(original, by=coordinator)
    assert Certificate.objects.filter(user=learner).count() == 3


def test_revoking_an_original_revokes_its_copy(user_with_role, module, coordinator):
    learner = user_with_role()
    original = complete(learner, module, NOW - 100 * DAY)
    copy = services.reissue_certificate(original, by=coordinator)
    second_copy = services.reissue_certificate(copy, by=coordinator)
    services.revoke_certificate(original, by=coordinator, reason="Issued in error")
    assert (
        Certificate.objects.filter(
            pk__in=[original.pk, copy.pk, second_copy.pk], revoked_at__isnull=True
        ).count()
        == 0
    )
    assert in_force(learner, module) == []


def test_any_order_of_writes_keeps_the_rule(user_with_role, module, catalogue, coordinator):
    """Random issues (on time and late), reissues and revocations for two people and two
    modules: after every write, the rule holds for every person and module."""
    from courses.factories import module_with_lessons

    modules = [module, module_with_lessons(catalogue, count=1, title="DARE")]
    people = [user_with_role(full_name="A Person"), user_with_role(full_name="B Person")]
    chance = random.Random(15)
    for step in range(40):
        person, on = chance.choice(people), chance.choice(modules)
        held = list(Certificate.objects.filter(user=person, module=on, revoked_at__isnull=True))
        action = chance.choice(["issue", "issue", "reissue", "revoke"]) if held else "issue"
        if action == "issue":
            complete(person, on, NOW - chance.randint(0, 900) * DAY)
        elif action == "reissue":
            services.reissue_certificate(chance.choice(held), by=coordinator)
        else:
            services.revoke_certificate(chance.choice(held), by=coordinator, reason=f"{step}")
        for someone in people:
            for each in modules:
                assert_settled(someone, each)


def test_the_database_refuses_a_second_certificate_in_force(user_with_role, module):
    learner = user_with_role()
    certificate = complete(learner, module, NOW - 10 * DAY)
    Certificate.objects.filter(pk=certificate.pk).update(number="X-1", code="X1")
    certificate.refresh_from_db()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            **{
                field: getattr(certificate, field)
                for field in ("user", "module", "holder_name", "module_title", "cpd_minutes")
            },
            number="X-2",
            code="X2",
            issued_at=NOW,
            expires_at=NOW + DAY,
            template={},
        )
    # Certificates whose account was deleted never collide (NULLs are distinct).
    Certificate.objects.filter(pk=certificate.pk).update(user=None)
    Certificate.objects.create(
        user=None,
        module=module,
        holder_name="",
        module_title="M",
        cpd_minutes=1,
        number="X-3",
        code="X3",
        issued_at=NOW,
        expires_at=NOW + DAY,
        template={},
    )
    assert Certificate.objects.filter(validity.in_force_q(), user=None).count() == 2


def test_the_migration_settles_what_earlier_versions_left(user_with_role, module, coordinator):
    """The data migration, run over states the old code left (each allowed by the new
    constraint, so they can be built here)."""
    migration = importlib.import_module("certificates.migrations.0004_settle_certificates_in_force")
    refreshed, late, reissued = user_with_role(), user_with_role(), user_with_role()
    # A revoked refresher left the earlier certificate replaced for good.
    first = complete(refreshed, module, NOW - 400 * DAY)
    refresher = complete(refreshed, module, NOW - 10 * DAY)
    Certificate.objects.filter(pk=refresher.pk).update(revoked_at=NOW, revoked_reason="x")
    # A late record was left in force and the newer one marked replaced by it.
    newer = complete(late, module, NOW - 10 * DAY)
    older = complete(late, module, NOW - 20 * DAY)
    Certificate.objects.filter(pk=newer.pk).update(superseded_by=older)
    Certificate.objects.filter(pk=older.pk).update(superseded_by=None)
    # A revoked copy left its original replaced by it; the link was not recorded then.
    original = complete(reissued, module, NOW - 10 * DAY)
    copy = services.reissue_certificate(original, by=coordinator)
    Certificate.objects.filter(pk=copy.pk).update(
        reissue_of=None, revoked_at=NOW, revoked_reason="Fraud", revoked_by=coordinator
    )

    migration.link_reissues(Certificate)
    migration.settle_all(Certificate)

    assert in_force(refreshed, module) == [first]
    assert in_force(late, module) == [newer]
    original.refresh_from_db()
    copy.refresh_from_db()
    assert copy.reissue_of == original
    assert (original.revoked_at, original.revoked_reason, original.revoked_by) == (
        NOW,
        "Fraud",
        coordinator,
    )
    assert in_force(reissued, module) == []
    for person in (refreshed, late, reissued):
        assert_settled(person, module)


# --- In date by the printed date -----------------------------------------------------------


def certificate_expiring(user_with_role, module, expires_at) -> Certificate:
    certificate = complete(user_with_role(), module, expires_at - 1000 * DAY)
    Certificate.objects.filter(pk=certificate.pk).update(expires_at=expires_at)
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(
    "expires_at",
    [
        # Clocks go forward at 01:00 on 28 March 2027 and back at 02:00 on 31 October 2027.
        london(2027, 3, 28, 0, 30),  # still GMT
        london(2027, 3, 28, 23, 30),  # BST: 22:30 UTC
        london(2027, 10, 31, 0, 30),  # BST: 30 October 23:30 UTC
        london(2027, 10, 31, 23, 30),  # GMT again
    ],
    ids=["march-early", "march-late", "october-early", "october-late"],
)
def test_a_certificate_is_in_date_through_the_date_it_prints(user_with_role, module, expires_at):
    certificate = certificate_expiring(user_with_role, module, expires_at)
    printed = expires_at.date()
    assert public_view(certificate).expires_on == printed

    def at(day, *time):
        return london(day.year, day.month, day.day, *time)

    before, after = printed - DAY, printed + DAY
    moments = {
        at(before, 23, 59): Status.EXPIRING,
        at(printed, 0, 0): Status.EXPIRING,
        at(printed, 0, 1): Status.EXPIRING,
        at(printed, 23, 59): Status.EXPIRING,
        at(printed, 23, 59, 59): Status.EXPIRING,
        at(after, 0, 0): Status.EXPIRED,
        at(after, 12, 0): Status.EXPIRED,
    }
    for moment, expected in moments.items():
        assert status(certificate, moment) == expected, moment
        day = validity.day_of(moment)
        rows = Certificate.objects.filter(pk=certificate.pk)
        assert rows.filter(validity.in_date_q(day)).exists() is (expected == Status.EXPIRING)
        assert rows.filter(validity.lapsed_q(day)).exists() is (expected == Status.EXPIRED)
        for wanted in Status:
            found = rows.filter(status_filter(wanted, moment)).exists()
            assert found is (wanted == expected), (moment, wanted)


def test_the_printed_date_is_the_london_date(user_with_role, module):
    """00:30 BST on 31 October is 23:30 UTC on the 30th: the PDF, the verification page
    and the export all say 31 October, even with another time zone active."""
    from django.utils import timezone

    from certificates import exports, pdf
    from tests.certificates.pdf_tools import pdf_text

    certificate = certificate_expiring(user_with_role, module, london(2027, 10, 31, 0, 30))
    with timezone.override(datetime.UTC):
        assert validity.expires_on(certificate.expires_at) == datetime.date(2027, 10, 31)
        assert public_view(certificate).expires_on == datetime.date(2027, 10, 31)
        csv = "".join(exports.stream_csv([certificate]))
        printed = pdf_text(pdf.render(certificate, "https://example.org/verify/X/"))
    assert "2027-10-31" in csv and "2027-10-30" not in csv
    assert "31 October 2027" in printed and "30 October 2027" not in printed


@pytest.mark.parametrize(
    ("days_ahead", "expected"),
    [(59, Status.EXPIRING), (60, Status.EXPIRING), (61, Status.VALID), (0, Status.EXPIRING)],
)
@pytest.mark.parametrize("hour", [0, 23])
def test_expiring_means_an_expiry_date_up_to_60_days_ahead(
    user_with_role, module, days_ahead, expected, hour
):
    today = datetime.date(2027, 1, 27)
    expiry = today + datetime.timedelta(days=days_ahead)
    certificate = certificate_expiring(
        user_with_role, module, london(expiry.year, expiry.month, expiry.day, hour, 30)
    )
    for moment in (london(2027, 1, 27, 0, 0), london(2027, 1, 27, 23, 59)):
        assert status(certificate, moment) == expected
        rows = Certificate.objects.filter(pk=certificate.pk)
        assert rows.filter(validity.expiring_q(today)).exists() is (expected == Status.EXPIRING)
        assert rows.filter(status_filter(Status.VALID, moment)).exists() is (
            expected == Status.VALID
        )


def test_reminders_fall_on_days_before_the_printed_date_once_each(user_with_role, module):
    certificate = certificate_expiring(user_with_role, module, london(2027, 3, 28, 23, 30))
    mail.outbox.clear()
    steps = [
        (london(2027, 1, 26, 23, 59), 0),  # 61 days before
        (london(2027, 1, 27, 0, 0), 1),  # 60 days before
        (london(2027, 1, 27, 23, 59), 0),  # not again
        (london(2027, 3, 13, 23, 59), 0),  # 15 days before
        (london(2027, 3, 14, 0, 0), 1),  # 14 days before
        (london(2027, 3, 28, 23, 59), 0),  # the expiry date: still in date
        (london(2027, 3, 29, 0, 0), 1),  # lapsed
        (london(2027, 3, 30, 0, 0), 0),
    ]
    for moment, sent in steps:
        assert send_due_reminders(moment) == sent, moment
    assert mail.outbox[-1].subject.endswith("A certificate has expired")
    assert "valid until 28 March 2027 and has now expired" in mail.outbox[-1].body
    assert "is valid until 28 March 2027." in mail.outbox[0].body
    certificate.refresh_from_db()
    assert certificate.reminded_expired_at == london(2027, 3, 29, 0, 0)


def test_no_reminders_for_a_certificate_replaced_by_a_late_record_after_all(user_with_role, module):
    learner = user_with_role()
    current = complete(learner, module, NOW - 30 * DAY)
    complete(learner, module, NOW - 40 * DAY)  # recorded late, expires ten days earlier
    mail.outbox.clear()
    assert send_due_reminders(current.expires_at - 30 * DAY) == 1  # only the current one


# --- In force at a past moment (quarterly snapshots) ----------------------------------------

T = london(2026, 12, 31, 23, 59, 59, 999999)  # a quarter's last moment
MICRO = datetime.timedelta(microseconds=1)


def in_force_at(user, module, at) -> list[Certificate]:
    return list(Certificate.objects.filter(validity.in_force_q(at=at), user=user, module=module))


@pytest.mark.parametrize(
    ("issued", "counts"),
    [(T - MICRO, True), (T, True), (T + MICRO, False)],
    ids=["a-microsecond-before", "exactly-at-t", "a-microsecond-after"],
)
def test_in_force_at_t_means_issued_at_or_before_t(user_with_role, module, issued, counts):
    learner = user_with_role()
    certificate = complete(learner, module, issued)
    assert in_force_at(learner, module, T) == ([certificate] if counts else [])
    day = validity.day_of(T)
    rows = Certificate.objects.filter(pk=certificate.pk)
    assert rows.filter(validity.in_date_q(day, at=T)).exists() is counts
    # Today's rule (no moment) still counts it: it is in force now.
    assert in_force(learner, module) == [certificate]


@pytest.mark.parametrize(
    ("refresher_at", "in_force_then"),
    [(T + MICRO, "older"), (T, "refresher"), (T - MICRO, "refresher")],
)
def test_superseded_by_one_issued_after_t_the_older_is_in_force_at_t(
    user_with_role, module, refresher_at, in_force_then
):
    learner = user_with_role()
    older = complete(learner, module, T - 300 * DAY)
    refresher = complete(learner, module, refresher_at)
    older.refresh_from_db()
    assert older.superseded_by == refresher  # replaced now, whenever the refresher was issued
    expected = {"older": older, "refresher": refresher}[in_force_then]
    assert in_force_at(learner, module, T) == [expected]


def test_one_in_force_at_t_even_with_three_certificates(user_with_role, module):
    """Both earlier certificates point at the newest (issued after t); only the later of
    them was in force at t, so a person is never in date and lapsed at once."""
    learner = user_with_role()
    first = complete(learner, module, T - 800 * DAY)
    second = complete(learner, module, T - 10 * DAY)
    third = complete(learner, module, T + DAY)
    first.refresh_from_db()
    assert first.superseded_by == third
    assert in_force_at(learner, module, T) == [second]
    assert in_force_at(learner, module, T - 20 * DAY) == [first]
    assert in_force_at(learner, module, T - 900 * DAY) == []
    # Lapsed at t: the first certificate has expired by then but was not in force.
    first.expires_at = T - 100 * DAY
    first.save(update_fields=["expires_at"])
    day = validity.day_of(T)
    assert not Certificate.objects.filter(validity.lapsed_q(day, at=T), user=learner).exists()
    assert list(Certificate.objects.filter(validity.in_date_q(day, at=T), user=learner)) == [second]


def test_a_revoked_certificate_never_counts_at_any_moment(user_with_role, module, coordinator):
    learner = user_with_role()
    older = complete(learner, module, T - 300 * DAY)
    revoked = complete(learner, module, T - DAY)
    assert in_force_at(learner, module, T) == [revoked]
    services.revoke_certificate(revoked, by=coordinator, reason="Issued in error")
    # Revoked after t, yet a revocation corrects the record: the older one was in force.
    assert in_force_at(learner, module, T) == [older]
    services.revoke_certificate(older, by=coordinator, reason="Issued in error")
    assert in_force_at(learner, module, T) == []


@pytest.mark.parametrize(
    ("expires_on", "state"),
    [
        (datetime.date(2026, 12, 30), "lapsed"),  # the day before t's day
        (datetime.date(2026, 12, 31), "expiring"),  # t's day: still in date
        (datetime.date(2027, 3, 1), "expiring"),  # t's day + 60
        (datetime.date(2027, 3, 2), "in_date"),  # t's day + 61
    ],
)
def test_in_date_expiring_and_lapsed_at_t_are_on_ts_day(user_with_role, module, expires_on, state):
    learner = user_with_role()
    certificate = complete(learner, module, T - 400 * DAY)
    complete(learner, module, T + DAY)  # a refresher after t replaces it now
    certificate.expires_at = london(expires_on.year, expires_on.month, expires_on.day, 23, 30)
    certificate.save(update_fields=["expires_at"])
    day = validity.day_of(T)
    rows = Certificate.objects.filter(pk=certificate.pk)
    assert rows.filter(validity.lapsed_q(day, at=T)).exists() is (state == "lapsed")
    assert rows.filter(validity.in_date_q(day, at=T)).exists() is (state != "lapsed")
    assert rows.filter(validity.expiring_q(day, at=T)).exists() is (state == "expiring")
    # Today (no moment) it is replaced: in none of the states.
    for condition in (validity.lapsed_q(day), validity.in_date_q(day)):
        assert not rows.filter(condition).exists()
