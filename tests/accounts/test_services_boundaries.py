"""Writing accounts at the boundaries (issue 19, mutation testing of ``accounts.services``).

Who joins which agency at sign-up, who is confirmed as a member (by a domain, a lead, the
coordinator or a staff list), who is left alone (already confirmed, moved meanwhile, in
another agency), and what a staff-list import creates, counts and refuses.
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from wagtail.log_actions import LogContext

from accounts import services
from accounts.models import AuditEvent, User
from accounts.roles import Role
from accounts.staff_import import StaffFile, StaffRow
from network.factories import AgencyEmailDomainFactory, AgencyFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - datetime.timedelta(days=30)


@pytest.fixture
def school(db):
    return AgencyFactory(name="Bitterne Park School", sector="education", headcount=50)


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def lead(user_with_role, school):
    return user_with_role(Role.AGENCY_LEAD, agency=school)


def fresh(user):
    return User.objects.get(pk=user.pk)


# --- Sign-up: which agency ----------------------------------------------------------------


def test_sign_up_joins_the_chosen_active_agency_only(school):
    closed = AgencyFactory(name="Closed agency", is_active=False)
    assert services.resolve_signup_agency("a@example.org", str(school.pk)) == school
    assert services.resolve_signup_agency("a@example.org", str(closed.pk)) is None
    for nothing in (services.NOT_LISTED, "", None):
        assert services.resolve_signup_agency("a@example.org", nothing) is None


def test_a_registered_domain_decides_even_against_not_listed(school):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    assert services.resolve_signup_agency("t@bitterne.sch.uk", services.NOT_LISTED) == school


def test_the_sign_up_name_is_tidied_and_the_agency_starts_unconfirmed(user_with_role, school):
    person = user_with_role(agency=school)
    assert person.agency_confirmed_at is not None
    services.fill_signup_profile(
        person, full_name="  Aisha \t Khan\n", job_role="manager", agency=school
    )
    assert (person.full_name, person.job_role, person.agency) == ("Aisha Khan", "manager", school)
    assert person.agency_confirmed_at is None and person.agency_confirmed_by is None


# --- Confirmed by the email domain ----------------------------------------------------------


def test_a_verified_email_at_the_agencys_domain_confirms_once(user_with_role, school):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    person = user_with_role(agency=school, email="t@bitterne.sch.uk", agency_confirmed_at=None)
    colleague = user_with_role(agency=school, email="c@example.org", agency_confirmed_at=None)
    assert services.confirm_agency_by_domain(person) is True
    assert fresh(colleague).agency_confirmed_at is None  # only the person whose email it is
    stored = fresh(person)
    assert stored.agency_confirmed_at is not None and stored.agency_confirmed_by is None
    assert person.agency_confirmed_at == stored.agency_confirmed_at
    # The object in hand now knows it is confirmed: saving it keeps the confirmation.
    person.full_name = "Tess Teacher"
    person.save()
    assert fresh(person).agency_confirmed_at == stored.agency_confirmed_at
    # Already confirmed: nothing more happens.
    assert services.confirm_agency_by_domain(person) is False
    assert fresh(person).agency_confirmed_at == stored.agency_confirmed_at


def test_the_domain_confirms_nobody_without_an_agency_or_already_confirmed_by_someone(
    user_with_role, school, coordinator
):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    no_agency = user_with_role(agency=None, email="n@bitterne.sch.uk")
    assert services.confirm_agency_by_domain(no_agency) is False
    assert fresh(no_agency).agency_confirmed_at is None
    by_hand = user_with_role(agency=school, email="h@bitterne.sch.uk", agency_confirmed_at=LONG_AGO)
    User.objects.filter(pk=by_hand.pk).update(agency_confirmed_by=coordinator)
    by_hand = fresh(by_hand)
    assert services.confirm_agency_by_domain(by_hand) is False
    stored = fresh(by_hand)
    assert (stored.agency_confirmed_at, stored.agency_confirmed_by) == (LONG_AGO, coordinator)


def test_the_domain_leaves_a_confirmation_made_meanwhile_by_a_person(user_with_role, school, lead):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    person = user_with_role(agency=school, email="t@bitterne.sch.uk", agency_confirmed_at=None)
    User.objects.filter(pk=person.pk).update(agency_confirmed_at=LONG_AGO, agency_confirmed_by=lead)
    assert services.confirm_agency_by_domain(person) is False
    stored = fresh(person)
    assert (stored.agency_confirmed_at, stored.agency_confirmed_by) == (LONG_AGO, lead)


def test_a_domain_of_another_agency_or_no_domain_confirms_nothing(user_with_role, school):
    other = AgencyEmailDomainFactory(domain="solent.nhs.uk").agency
    assert other != school
    elsewhere = user_with_role(agency=school, email="n@solent.nhs.uk", agency_confirmed_at=None)
    unknown = user_with_role(agency=school, email="n@example.org", agency_confirmed_at=None)
    for person in (elsewhere, unknown):
        assert services.confirm_agency_by_domain(person) is False
        assert fresh(person).agency_confirmed_at is None


def test_the_domain_does_not_confirm_someone_whose_agency_changed_meanwhile(user_with_role, school):
    AgencyEmailDomainFactory(agency=school, domain="bitterne.sch.uk")
    person = user_with_role(agency=school, email="t@bitterne.sch.uk", agency_confirmed_at=None)
    User.objects.filter(pk=person.pk).update(agency=AgencyFactory(name="Moved"))
    assert services.confirm_agency_by_domain(person) is False
    assert person.agency_confirmed_at is None
    assert fresh(person).agency_confirmed_at is None


# --- Confirmed or declined by a lead or the coordinator ------------------------------------


def test_confirming_counts_and_audits_only_those_confirmed_now(user_with_role, school, lead):
    waiting = [user_with_role(agency=school, agency_confirmed_at=None) for _ in range(2)]
    already = user_with_role(agency=school, agency_confirmed_at=LONG_AGO)
    moved = user_with_role(agency=school, agency_confirmed_at=None)
    User.objects.filter(pk=moved.pk).update(agency=AgencyFactory(name="Moved"))

    assert services.confirm_agency_members([*waiting, already, moved], by=lead) == 2
    for person in waiting:
        stored = fresh(person)
        assert stored.agency_confirmed_by == lead and stored.agency_confirmed_at is not None
    assert fresh(already).agency_confirmed_at == LONG_AGO
    assert fresh(already).agency_confirmed_by is None
    assert fresh(moved).agency_confirmed_at is None
    events = AuditEvent.objects.filter(action="agency.confirmed").order_by("pk")
    assert [(e.actor, e.target_id) for e in events] == [(lead, str(p.pk)) for p in waiting]
    assert events[0].summary == f"Agency membership confirmed (agency {school.pk})"
    assert services.confirm_agency_members(waiting, by=lead) == 0
    assert AuditEvent.objects.filter(action="agency.confirmed").count() == 2


def test_declining_removes_the_agency_and_says_which(user_with_role, school, lead):
    person = user_with_role(agency=school, agency_confirmed_at=LONG_AGO)
    assert services.decline_agency_member(person, by=lead) is True
    stored = fresh(person)
    assert stored.agency is None
    assert (stored.agency_confirmed_at, stored.agency_confirmed_by) == (None, None)
    event = AuditEvent.objects.get(action="agency.declined")
    assert (event.actor, event.target_id) == (lead, str(person.pk))
    assert event.summary == f"Agency membership declined (agency {school.pk} removed)"


def test_declining_someone_who_moved_meanwhile_leaves_them_alone(user_with_role, school, lead):
    person = user_with_role(agency=school, agency_confirmed_at=None)
    elsewhere = AgencyFactory(name="Moved")
    User.objects.filter(pk=person.pk).update(agency=elsewhere)
    assert services.decline_agency_member(person, by=lead) is False
    assert fresh(person).agency == elsewhere
    assert not AuditEvent.objects.filter(action="agency.declined").exists()


def test_the_coordinator_placing_someone_confirms_it_and_removing_clears_it(
    user_with_role, school, coordinator
):
    person = user_with_role(agency=None)
    before = timezone.now()
    services.set_agency_by_coordinator(person, school, by=coordinator)
    assert person.agency == school and person.agency_confirmed_by == coordinator
    assert before <= person.agency_confirmed_at <= timezone.now()
    person.save()
    assert fresh(person).agency_confirmed_by == coordinator  # the save keeps it

    services.set_agency_by_coordinator(person, None, by=coordinator)
    assert person.agency is None
    assert (person.agency_confirmed_at, person.agency_confirmed_by) == (None, None)


@pytest.mark.parametrize("by", [None, AnonymousUser()], ids=["nobody", "anonymous"])
def test_placing_by_nobody_in_particular_confirms_without_a_name(user_with_role, school, by):
    person = user_with_role(agency=None)
    services.set_agency_by_coordinator(person, school, by=by)
    assert person.agency_confirmed_at is not None and person.agency_confirmed_by is None
    person.save()
    assert fresh(person).agency_confirmed_at is not None


# --- Staff lists ----------------------------------------------------------------------------


def staff(*rows, errors=()):
    return StaffFile(
        rows=[
            StaffRow(line=n, name=name, email=email, job_role="frontline")
            for n, (name, email) in enumerate(rows, start=2)
        ],
        errors=list(errors),
    )


def test_adding_a_role_twice_gives_it_once(user_with_role):
    person = user_with_role(Role.LEARNER)
    services.add_role(person, Role.EDITOR)
    services.add_role(person, Role.EDITOR)
    assert sorted(person.groups.values_list("name", flat=True)) == sorted(
        [Role.LEARNER.value, Role.EDITOR.value]
    )


def test_a_preregistered_learner_has_no_password_and_an_unverified_main_address(school):
    person = services.preregister(
        "pat@example.org", full_name="Pat Lee", job_role="manager", agency=school
    )
    stored = fresh(person)
    assert (stored.full_name, stored.job_role, stored.agency) == ("Pat Lee", "manager", school)
    assert not stored.has_usable_password()
    address = EmailAddress.objects.get(user=person)
    assert (address.email, address.verified, address.primary) == ("pat@example.org", False, True)
    assert list(stored.groups.values_list("name", flat=True)) == [Role.LEARNER.value]


def test_clashes_are_people_in_another_agency_only_in_line_order(user_with_role, school):
    other = AgencyFactory(name="Other")
    user_with_role(email="z@example.org", agency=other)
    user_with_role(email="a@example.org", agency=other)
    user_with_role(email="mine@example.org", agency=school)
    user_with_role(email="free@example.org", agency=None)
    listed = staff(
        ("Zed", "z@example.org"),
        ("Mine", "mine@example.org"),
        ("Free", "free@example.org"),
        ("Ann", "a@example.org"),
        ("New", "new@example.org"),
    )
    assert services.check_staff_against_accounts(listed, school) == [
        (2, "z@example.org is already registered with another agency."),
        (5, "a@example.org is already registered with another agency."),
    ]


def test_an_import_refused_adds_nobody_and_lists_the_problems(user_with_role, school):
    user_with_role(email="taken@example.org", agency=AgencyFactory(name="Other"))
    listed = staff(("New", "new@example.org"), ("Taken", "taken@example.org"))
    with pytest.raises(services.StaffImportRejected) as refused:
        services.import_staff(listed, school)
    assert refused.value.errors == [
        (3, "taken@example.org is already registered with another agency.")
    ]
    with pytest.raises(services.StaffImportRejected) as bad_file:
        services.import_staff(staff(("New", "new@example.org"), errors=[(2, "bad")]), school)
    assert bad_file.value.errors == [(2, "bad")]
    with pytest.raises(services.StaffImportRejected) as empty:
        services.import_staff(staff(), school)
    assert empty.value.errors == []
    assert not User.objects.filter(email="new@example.org").exists()


def test_an_import_creates_the_new_adopts_the_unplaced_and_confirms_everyone_listed(
    user_with_role, school, coordinator
):
    unplaced = user_with_role(email="unplaced@example.org", agency=None, full_name="Una")
    member = user_with_role(email="member@example.org", agency=school, agency_confirmed_at=None)
    confirmed = user_with_role(email="old@example.org", agency=school, agency_confirmed_at=LONG_AGO)
    unlisted = user_with_role(email="unlisted@example.org", agency=school, agency_confirmed_at=None)
    listed = staff(
        ("Pat Lee", "pat@example.org"),
        ("Una Renamed", "unplaced@example.org"),
        ("Mem", "member@example.org"),
        ("Old", "old@example.org"),
        ("Sam Sun", "sam@example.org"),
    )
    result = services.import_staff(listed, school, by=coordinator)
    assert result == services.StaffImportResult(created=2, already_registered=3)

    for email in ("pat@example.org", "sam@example.org", "unplaced@example.org"):
        person = User.objects.get(email=email)
        assert person.agency == school
        assert person.agency_confirmed_by == coordinator and person.agency_confirmed_at
    assert User.objects.get(email="pat@example.org").full_name == "Pat Lee"
    assert fresh(unplaced).full_name == "Una"  # an existing account keeps its own details
    assert fresh(member).agency_confirmed_by == coordinator
    assert fresh(confirmed).agency_confirmed_at == LONG_AGO  # confirmed before: unchanged
    assert fresh(confirmed).agency_confirmed_by is None
    assert fresh(unlisted).agency_confirmed_at is None  # not on the list: not confirmed
    school.refresh_from_db()
    assert school.headcount == 50  # no headcount given: unchanged


@pytest.mark.parametrize("headcount", [0, 1, 250])
def test_an_import_sets_the_headcount_given_even_zero(school, headcount):
    services.import_staff(staff(("Pat Lee", "pat@example.org")), school, headcount)
    school.refresh_from_db()
    assert school.headcount == headcount


def test_an_import_from_the_admin_is_confirmed_by_whoever_is_acting_there(school, coordinator):
    with LogContext(user=coordinator):
        services.import_staff(staff(("Pat Lee", "pat@example.org")), school)
    pat = User.objects.get(email="pat@example.org")
    assert pat.agency_confirmed_by == coordinator and pat.agency_confirmed_at is not None
    with LogContext(user=AnonymousUser()):
        services.import_staff(staff(("Sam Sun", "sam@example.org")), school)
    sam = User.objects.get(email="sam@example.org")
    assert sam.agency_confirmed_by is None and sam.agency_confirmed_at is not None
