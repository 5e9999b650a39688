"""Certificates at their exact boundaries (issue 19): expiry windows, revoked and replaced
certificates, the verification rate limit and the constant-time comparison.

Each test was checked by putting the fault back into the code by hand and watching it fail.
"""

import datetime
import hmac
from unittest import mock

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from certificates import selectors, services
from certificates.models import Certificate
from certificates.selectors import Status, by_number_and_code, public_view, status, status_filter
from certificates.views import VERIFY_LIMIT
from certificates.wagtail_hooks import filtered
from courses.models import Enrolment
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def make_certificate(user_with_role, module):
    """A certificate for a new holder (so it supersedes nothing), expiring as asked."""

    def make(expires_in=datetime.timedelta(days=400), **changes) -> Certificate:
        holder = user_with_role(full_name="Sam Holder")
        enrolment = Enrolment.objects.create(user=holder, module=module, completed_at=NOW)
        certificate = services.issue_certificate(enrolment, now=NOW - datetime.timedelta(days=400))
        Certificate.objects.filter(pk=certificate.pk).update(expires_at=NOW + expires_in, **changes)
        certificate.refresh_from_db()
        return certificate

    return make


def _london(*args) -> datetime.datetime:
    import zoneinfo

    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


# NOW is 12:00 on 22 November 2026 in London; 21 January 2027 is 60 days later. A
# certificate is in date through the date it prints and expiring from 60 days before it.
@pytest.mark.parametrize(
    ("expires_at", "expected"),
    [
        (_london(2027, 1, 22, 0, 0), Status.VALID),  # 61 days ahead
        (_london(2027, 1, 21, 23, 59), Status.EXPIRING),  # 60 days ahead
        (_london(2027, 1, 21, 0, 0), Status.EXPIRING),
        (_london(2026, 11, 22, 23, 59), Status.EXPIRING),  # today
        (_london(2026, 11, 22, 0, 1), Status.EXPIRING),  # today, earlier than NOW
        (_london(2026, 11, 21, 23, 59), Status.EXPIRED),  # yesterday
    ],
)
def test_expiring_within_60_days(make_certificate, expires_at, expected):
    certificate = make_certificate(expires_at - NOW)
    assert status(certificate, now=NOW) == expected
    assert public_view(certificate, now=NOW).in_date is (expected != Status.EXPIRED)
    # The database filter the admin uses agrees with status() on every boundary.
    for wanted in Status:
        matches = Certificate.objects.filter(status_filter(wanted, now=NOW)).exists()
        assert matches is (wanted == expected), wanted


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("revoked", Status.REVOKED),
        ("replaced", Status.SUPERSEDED),
        ("replaced, then revoked", Status.REVOKED),
        ("current", Status.EXPIRED),
    ],
)
def test_revoked_and_replaced_certificates_are_never_counted_as_expired(
    make_certificate, user_with_role, state, expected
):
    certificate = make_certificate(-datetime.timedelta(days=5))
    if state == "revoked":
        services.revoke_certificate(certificate, by=user_with_role(), reason="Issued in error")
    elif state.startswith("replaced"):
        services.reissue_certificate(certificate, by=user_with_role())
        if state.endswith("revoked"):
            services.revoke_certificate(certificate, by=user_with_role(), reason="Fraud")
    certificate.refresh_from_db()
    assert status(certificate, now=NOW) == expected
    for wanted in Status:
        found = Certificate.objects.filter(pk=certificate.pk).filter(status_filter(wanted, now=NOW))
        assert found.exists() is (wanted == expected), wanted


def test_the_admins_expired_filter_lists_neither_revoked_nor_replaced_certificates(
    client, make_certificate, user_with_role
):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    expired = make_certificate(-datetime.timedelta(days=5))
    revoked = make_certificate(-datetime.timedelta(days=5))
    services.revoke_certificate(revoked, by=coordinator, reason="Issued to the wrong person")
    replaced = make_certificate(-datetime.timedelta(days=5))
    services.reissue_certificate(replaced, by=coordinator)
    Certificate.objects.filter(superseded_by__isnull=True).exclude(
        pk__in=[expired.pk, revoked.pk]
    ).update(expires_at=timezone.now() + datetime.timedelta(days=400))

    request = RequestFactory().get("/", {"status": "expired"})
    assert list(filtered(request)) == [expired]
    sign_in(client, coordinator)
    html = client.get(reverse("certificates:index") + "?status=expired").content.decode()
    assert expired.number in html
    assert revoked.number not in html
    assert replaced.number not in html


# --- Verification -------------------------------------------------------------------------


def test_verification_compares_the_code_in_constant_time(make_certificate):
    certificate = make_certificate()
    with mock.patch.object(selectors.hmac, "compare_digest", wraps=hmac.compare_digest) as compare:
        assert by_number_and_code(certificate.number, certificate.code.lower()) == certificate
        assert by_number_and_code(certificate.number, "A" * 32) is None
        assert by_number_and_code("SCL-2000-000001", certificate.code) is None
    assert compare.call_count == 3
    assert compare.call_args_list[0].args == (
        certificate.code.encode(),
        certificate.code.encode(),
    )


def test_the_verification_form_compares_in_constant_time(client, make_certificate):
    certificate = make_certificate()
    with mock.patch.object(selectors.hmac, "compare_digest", wraps=hmac.compare_digest) as compare:
        response = client.post(
            reverse("verify"), {"number": certificate.number, "code": certificate.code}
        )
    assert "Certificate valid" in response.content.decode()
    compare.assert_called_once()


def test_a_number_with_the_wrong_code_reveals_nothing(make_certificate):
    certificate = make_certificate()
    assert by_number_and_code(certificate.number, certificate.code[:-1]) is None
    assert by_number_and_code(certificate.number, "") is None
    assert by_number_and_code(f" {certificate.number.lower()} ", certificate.code) == certificate


def test_the_verification_form_refuses_the_request_after_the_limit(client, make_certificate):
    certificate = make_certificate()
    limit, period = VERIFY_LIMIT
    data = {"number": certificate.number, "code": certificate.code}
    with time_machine.travel(NOW, tick=False) as clock:
        statuses = [client.post(reverse("verify"), data).status_code for _ in range(limit + 1)]
        assert statuses[: limit - 1] == [200] * (limit - 1)
        assert statuses[limit - 1] == 200  # the limit-th is still answered
        assert statuses[limit] == 429  # one more is refused
        refused = client.post(reverse("verify"), data)
        assert refused.status_code == 429
        assert "Certificate valid" not in refused.content.decode()
        # The window is a minute: a minute later the person can check again.
        clock.shift(datetime.timedelta(seconds=period + 1))
        assert client.post(reverse("verify"), data).status_code == 200


def test_verification_links_share_the_same_limit(client, make_certificate):
    certificate = make_certificate()
    limit, _ = VERIFY_LIMIT
    url = reverse("verify_code", args=[certificate.code])
    statuses = [client.get(url).status_code for _ in range(limit + 1)]
    assert statuses == [200] * limit + [429]
    form = client.post(reverse("verify"), {"number": certificate.number, "code": certificate.code})
    assert form.status_code == 429


def test_a_superseded_certificate_says_when_it_was_replaced(make_certificate, user_with_role):
    certificate = make_certificate()
    new = services.reissue_certificate(certificate, by=user_with_role())
    certificate.refresh_from_db()
    view = public_view(selectors.by_code(certificate.code), now=NOW)
    assert view.status == Status.SUPERSEDED
    assert view.superseded_on == new.issued_at
    assert public_view(selectors.by_code(new.code), now=NOW).superseded_on is None


# --- Issuing, revoking, reissuing ---------------------------------------------------------


def events(action: str, certificate: Certificate):
    from accounts.models import AuditEvent

    return AuditEvent.objects.filter(action=action, target_id=str(certificate.pk))


def test_the_daily_run_issues_what_is_owed_up_to_30_days_back(user_with_role, module, caplog):
    now = timezone.now()
    limit = datetime.timedelta(days=services.CATCH_UP_DAYS)
    on_the_day, yesterday, too_late, leaver = (user_with_role() for _ in range(4))
    owed = Enrolment.objects.create(user=on_the_day, module=module, completed_at=now - limit)
    Enrolment.objects.create(
        user=yesterday, module=module, completed_at=now - datetime.timedelta(days=1)
    )
    Enrolment.objects.create(user=too_late, module=module, completed_at=now - limit - SECOND)
    Enrolment.objects.create(user=leaver, module=module, completed_at=now)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])

    assert services.issue_missing_certificates(now=now) == 2
    assert "Issued 2 certificates owed for earlier completions" in caplog.messages
    assert set(Certificate.objects.values_list("user", flat=True)) == {on_the_day.pk, yesterday.pk}
    certificate = Certificate.objects.get(user=on_the_day)
    assert (certificate.enrolment, certificate.issued_at) == (owed, owed.completed_at)
    assert services.issue_missing_certificates(now=now) == 0


def test_a_new_certificate_replaces_only_the_same_persons_earlier_one_for_that_module(
    user_with_role, module, catalogue
):
    from courses.factories import module_with_lessons

    learner, other = user_with_role(), user_with_role()
    other_module = module_with_lessons(catalogue, count=1, title="DARE")
    issued = timezone.now() - datetime.timedelta(days=800)

    def issue(user, on_module, at):
        enrolment = Enrolment.objects.create(user=user, module=on_module, completed_at=at)
        return services.issue_certificate(enrolment, now=at)

    old = issue(learner, module, issued)
    elsewhere = issue(learner, other_module, issued)
    someone_else = issue(other, module, issued)
    later = issue(learner, module, issued + datetime.timedelta(days=10))
    # A certificate dated before one already held (a late catch-up) replaces nothing newer:
    # it is issued already replaced by the newer one (one in force per person and module).
    catch_up = issue(learner, module, issued + datetime.timedelta(days=5))
    for certificate in (old, elsewhere, someone_else, later, catch_up):
        certificate.refresh_from_db()
    assert old.superseded_by == later
    assert later.superseded_by is None
    assert catch_up.superseded_by == later
    assert elsewhere.superseded_by is None
    assert someone_else.superseded_by is None


def test_numbers_start_again_each_year_with_six_digits(user_with_role, module):
    def issue_at(moment):
        enrolment = Enrolment.objects.create(
            user=user_with_role(), module=module, completed_at=moment
        )
        return services.issue_certificate(enrolment, now=moment).number

    new_year = datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)  # midnight in London too
    assert issue_at(new_year - SECOND) == "SCL-2026-000001"
    assert issue_at(new_year - SECOND) == "SCL-2026-000002"
    assert issue_at(new_year) == "SCL-2027-000001"


def test_codes_are_32_characters_of_base_32():
    codes = {services.new_code() for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 32
        assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def test_revoking_twice_keeps_the_first_revocation(make_certificate, user_with_role):
    certificate = make_certificate()
    first, second = user_with_role(Role.TRAINING_COORDINATOR), user_with_role()
    services.revoke_certificate(certificate, by=first, reason="  Issued in error  ")
    revoked_at = certificate.revoked_at
    services.revoke_certificate(certificate, by=second, reason="Another reason")
    certificate.refresh_from_db()
    assert (certificate.revoked_at, certificate.revoked_by, certificate.revoked_reason) == (
        revoked_at,
        first,
        "Issued in error",
    )
    [event] = events("certificate.revoked", certificate)
    assert event.actor == first
    assert certificate.number in event.summary


def test_a_reissue_uses_the_current_name_and_keeps_the_dates(make_certificate, user_with_role):
    certificate = make_certificate(module_revision=41)  # the module's revision when issued
    holder = certificate.user
    holder.full_name = "Sam New-Name"
    holder.save(update_fields=["full_name"])
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    new = services.reissue_certificate(certificate, by=coordinator)
    certificate.refresh_from_db()
    assert certificate.superseded_by == new
    assert new.holder_name == "Sam New-Name"
    assert (new.issued_at, new.expires_at, new.module_title) == (
        certificate.issued_at,
        certificate.expires_at,
        certificate.module_title,
    )
    assert new.user == holder
    assert new.module_revision == 41
    assert new.number.startswith(f"SCL-{timezone.localtime().year}-")
    assert new.number != certificate.number and new.code != certificate.code
    assert new.revoked_at is None and new.enrolment is None
    # The copy has no enrolment: the next completion still gets a certificate of its own.
    later = Enrolment.objects.create(user=user_with_role(), module=certificate.module)
    later.completed_at = timezone.now()
    assert services.issue_certificate(later) not in (new, certificate)
    [event] = events("certificate.reissued", certificate)
    assert event.actor == coordinator
    assert new.number in event.summary


def test_a_certificate_whose_holder_is_gone_cannot_be_reissued(make_certificate, user_with_role):
    certificate = make_certificate()
    Certificate.objects.filter(pk=certificate.pk).update(user=None)
    certificate.refresh_from_db()
    with pytest.raises(ValueError, match="no longer exists"):
        services.reissue_certificate(certificate, by=user_with_role())


def test_a_holders_list_has_only_their_certificates_in_one_query(
    make_certificate, django_assert_num_queries
):
    mine = make_certificate()
    copy = services.reissue_certificate(mine, by=mine.user)
    make_certificate()  # someone else's
    holder, title = mine.user, mine.module.title
    with django_assert_num_queries(1):
        listed = sorted(selectors.certificates_for(holder), key=lambda c: c.pk)
        titles = [(c.module.title, c.superseded_by) for c in listed]
    assert listed == [mine, copy]
    assert titles == [(title, copy), (title, None)]


def test_a_holder_sees_only_their_own_certificate(make_certificate):
    from django.http import Http404

    mine, theirs = make_certificate(), make_certificate()
    assert selectors.own_certificate(mine.number, mine.user) == mine
    with pytest.raises(Http404):
        selectors.own_certificate(theirs.number, mine.user)


def test_an_unknown_status_filters_nothing(make_certificate):
    make_certificate()
    make_certificate(-datetime.timedelta(days=5))
    assert Certificate.objects.filter(status_filter("no-such-status", now=NOW)).count() == 2


def test_verifying_a_replaced_certificate_costs_one_query(
    make_certificate, user_with_role, django_assert_num_queries
):
    """Verification is public and rate limited per address: each check is one query."""
    certificate = make_certificate()
    new = services.reissue_certificate(certificate, by=user_with_role())
    with django_assert_num_queries(1):
        by_link = public_view(selectors.by_code(certificate.code.lower()), now=NOW)
    with django_assert_num_queries(1):
        by_form = public_view(by_number_and_code(certificate.number, certificate.code), now=NOW)
    for view in (by_link, by_form):
        assert (view.status, view.superseded_on) == (Status.SUPERSEDED, new.issued_at)
        assert (view.issued_at, view.expires_at) == (certificate.issued_at, certificate.expires_at)
        assert (view.holder_name, view.module_title) == ("Sam Holder", certificate.module_title)
    with django_assert_num_queries(1):
        own = selectors.own_certificate(certificate.number, certificate.user)
        assert own.superseded_by == new


def test_a_revoked_certificate_is_not_reissued_and_the_admin_is_told_why(
    make_certificate, user_with_role
):
    """Two tabs: one revokes, the other then asks for a reissue. The admin shows the error's
    words, so they are part of the behaviour."""
    certificate = make_certificate()
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    services.revoke_certificate(certificate, by=coordinator, reason="Issued in error")
    with pytest.raises(ValueError) as refused:
        services.reissue_certificate(certificate, by=coordinator)
    assert str(refused.value) == "A revoked certificate cannot be reissued."
    assert Certificate.objects.filter(reissue_of=certificate).count() == 0


def test_issuing_is_logged_with_the_number_and_the_module(user_with_role, module, caplog):
    enrolment = Enrolment.objects.create(user=user_with_role(), module=module, completed_at=NOW)
    with caplog.at_level("INFO", logger="safecity.audit"):
        certificate = services.issue_certificate(enrolment)
    assert f"Issued certificate {certificate.number} for module {module.pk}" in caplog.messages
