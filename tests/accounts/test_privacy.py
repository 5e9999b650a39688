"""Privacy: every relation to a person is covered; export; erasure; retention."""

import csv
import datetime
import io
import json
import zipfile
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

import accounts.privacy_hooks  # noqa: F401 - until accounts/wagtail_hooks.py imports it
from accounts import privacy
from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.models import AuditEvent, Learner, User
from accounts.roles import Role
from certificates.models import Certificate
from courses import services
from courses.factories import make_question, make_quiz
from courses.models import (
    Attempt,
    ConfidenceResponse,
    Enrolment,
    FaceToFaceSession,
    LessonCompletion,
    ReflectionNote,
)
from courses.selectors import live_lessons
from network.factories import AgencyFactory, VenueFactory
from network.models import VenueMembership, VenueRole, VenueStatus
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

EMAIL = "imogen.marlowe@example.org"
NAME = "Imogen Marlowe-Testperson"
REFLECTION = "I think my neighbour's partner controls her money."


# --- Every relation to a person is covered ---------------------------------------------------


def _label(model) -> str:
    if isinstance(model, str):
        return model.lower()
    return model._meta.label_lower


def relations_to_person(registry) -> set[str]:
    """Every FK, one-to-one and many-to-many field pointing at the user model."""
    found = set()
    for model in registry.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or field.auto_created or not field.concrete:
                continue
            if _label(field.related_model) == settings.AUTH_USER_MODEL.lower():
                # Inherited fields (every page's owner) count once, where they are defined.
                found.add(f"{field.model._meta.label_lower}.{field.name}")
    return found


def test_every_relation_to_a_person_is_covered_by_export_and_erasure():
    relations = relations_to_person(global_apps)
    assert "courses.enrolment.user" in relations  # the discovery works
    assert "courses.facetofacesession.attendees" in relations  # many-to-many too
    missing = sorted(relations - privacy.COVERED.keys())
    assert not missing, (
        "These fields point at a person but accounts.privacy.COVERED does not say how "
        f"export and erasure treat them: {missing}"
    )
    stale = sorted(privacy.COVERED.keys() - relations)
    assert not stale, f"COVERED lists fields that no longer exist: {stale}"


@isolate_apps("accounts")
def test_a_new_model_pointing_at_a_person_is_caught():
    class Diary(models.Model):
        author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

        class Meta:
            app_label = "accounts"

    assert relations_to_person(Diary._meta.apps) - privacy.COVERED.keys() == {
        "accounts.diary.author"
    }


# --- A learner with a full training record ---------------------------------------------------


def right_answers(attempt) -> dict:
    return {
        str(index): [o["key"] for o in question["options"] if Decimal(o["fraction"]) > 0]
        for index, question in enumerate(attempt.questions)
    }


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def agency():
    return AgencyFactory(name="Southampton City Council")


@pytest.fixture
def learner(agency):
    return UserFactory(email=EMAIL, full_name=NAME, agency=agency)


@pytest.fixture
def quiz(module):
    return make_quiz(module, [make_question("single", "Q1")], pass_mark=80)


@pytest.fixture
def trained(learner, module, quiz, django_capture_on_commit_callbacks):
    """The learner completes the module, passes its quiz and earns a certificate."""
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in live_lessons(module):
            services.complete_lesson(learner, lesson)
        attempt = services.start_attempt(learner, quiz)
        services.save_answers(attempt, right_answers(attempt))
        services.submit_attempt(attempt, str(attempt.submit_token))
    lesson = live_lessons(module).first()
    services.save_reflection(learner, lesson, "reflection-1", f"{REFLECTION} ({NAME})")
    services.save_confidence(learner, module, "before", {"I can spot the signs": 3})
    return Certificate.objects.get(user=learner, module=module)


def rows_mentioning(*needles: str) -> list[str]:
    """Every model (one query each) with a text or JSON value containing any needle."""
    hits = []
    for model in global_apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        condition, annotations = Q(), {}
        for field in model._meta.concrete_fields:
            kind = field.get_internal_type()
            if kind in ("CharField", "TextField", "EmailField", "SlugField"):
                for needle in needles:
                    condition |= Q(**{f"{field.attname}__icontains": needle})
            elif kind == "JSONField" or isinstance(field, models.JSONField):
                alias = f"_as_text_{field.attname}"
                annotations[alias] = Cast(field.attname, TextField())
                for needle in needles:
                    condition |= Q(**{f"{alias}__icontains": needle})
        if not condition:
            continue
        count = model._base_manager.annotate(**annotations).filter(condition).count()
        if count:
            hits.append(f"{model._meta.label_lower}: {count}")
    return hits


# --- Subject-access export -------------------------------------------------------------------


def test_export_holds_their_training_record(learner, trained, module):
    data = privacy.export_user_data(learner)
    json.dumps(data)  # plain data, ready to download
    assert data["account"]["email"] == EMAIL
    assert data["account"]["full_name"] == NAME
    assert data["account"]["agency"] == "Southampton City Council"
    assert [c["number"] for c in data["certificates"]] == [trained.number]
    assert data["certificates"][0]["status"] == "Valid"
    assert data["reflection_notes"][0]["text"].startswith(REFLECTION)
    assert data["quiz_attempts"][0]["passed"] is True
    assert data["quiz_attempts"][0]["percent"] == "100.00"
    assert len(data["lesson_completions"]) == live_lessons(module).count()
    assert data["enrolments"][0]["module"] == module.title
    assert data["confidence_ratings"][0]["rating"] == 3
    # The question bank is not theirs: no options, fractions or right answers.
    text = json.dumps(data)
    assert "The right answer" not in text and "fraction" not in text
    assert "secret" not in text  # two-factor details: the kind only


def test_csv_export_is_a_zip_of_sections_safe_from_formulas(learner, trained):
    ReflectionNote.objects.filter(user=learner).update(text='=HYPERLINK("http://evil")')
    User.objects.filter(pk=learner.pk).update(full_name="@SUM(1+1)")
    learner.refresh_from_db()
    archive = zipfile.ZipFile(io.BytesIO(privacy.export_user_csv(learner)))
    assert {"account.csv", "certificates.csv", "reflection_notes.csv"} <= set(archive.namelist())

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    assert rows("account.csv")[0]["full_name"] == "'@SUM(1+1)"
    assert rows("reflection_notes.csv")[0]["text"] == '\'=HYPERLINK("http://evil")'
    assert rows("certificates.csv")[0]["number"] == trained.number


# --- Who may reach the screens ---------------------------------------------------------------


def _urls(person):
    return [
        reverse("privacy_index") + "?email=example",
        reverse("privacy_person", args=[person.pk]),
        reverse("privacy_export_json", args=[person.pk]),
        reverse("privacy_export_csv", args=[person.pk]),
        reverse("privacy_erase", args=[person.pk]),
    ]


@pytest.mark.parametrize("role", [Role.LEARNER, Role.AGENCY_LEAD, Role.SAFE_PLACES_OFFICER])
def test_other_roles_cannot_export_or_erase(client, user_with_role, learner, role):
    sign_in(client, user_with_role(role))
    for url in _urls(learner):
        assert client.get(url).status_code in (302, 403), url
        response = client.post(url, {"email": EMAIL})
        assert response.status_code in (302, 403), url
        assert response.get("Content-Disposition") is None
    learner.refresh_from_db()
    assert learner.email == EMAIL and learner.is_active
    assert not AuditEvent.objects.filter(action="export.subject_access").exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, learner):
    for url in _urls(learner):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_coordinator_finds_a_person_and_downloads_their_data(client, coordinator, learner, trained):
    sign_in(client, coordinator)
    found = client.get(reverse("privacy_index"), {"email": EMAIL.upper()})
    assert found.status_code == 200
    assert reverse("privacy_person", args=[learner.pk]) in found.content.decode()
    assert "Personal data" in client.get(reverse("wagtailadmin_home")).content.decode()

    person_page = client.get(reverse("privacy_person", args=[learner.pk])).content.decode()
    assert "Download their data (JSON)" in person_page
    assert reverse("privacy_erase", args=[learner.pk]) in person_page

    # A link or prefetch cannot download: POST only.
    assert client.get(reverse("privacy_export_json", args=[learner.pk])).status_code == 302

    response = client.post(reverse("privacy_export_json", args=[learner.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert EMAIL not in response["Content-Disposition"]  # named by account number
    data = json.loads(response.content)
    assert data["certificates"][0]["number"] == trained.number
    assert data["reflection_notes"][0]["text"].startswith(REFLECTION)

    response = client.post(reverse("privacy_export_csv", args=[learner.pk]))
    assert response["Content-Type"] == "application/zip"
    assert "certificates.csv" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()

    events = AuditEvent.objects.filter(action="export.subject_access")
    assert events.count() == 2
    assert {(e.actor, e.target_id) for e in events} == {(coordinator, str(learner.pk))}
    assert all(EMAIL not in e.summary for e in events)


def test_bad_input_is_not_a_server_error(client, coordinator):
    sign_in(client, coordinator)
    assert client.get(reverse("privacy_index"), {"email": "x" * 5000}).status_code == 200
    # A NUL byte is refused before the view, with a message (config.badinput).
    refused = client.get(reverse("privacy_index"), {"email": "\x00"})
    assert refused.status_code == 400 and "There is a problem" in refused.content.decode()
    assert client.get(reverse("privacy_person", args=[999999])).status_code == 404
    assert client.post(reverse("privacy_erase", args=[999999]), {}).status_code == 404


# --- Erasure ---------------------------------------------------------------------------------


def test_erasure_leaves_no_personal_data_and_the_certificate_verifies_without_a_name(
    client, coordinator, learner, trained, module, user_with_role
):
    # Personal data in the places it tends to end up.
    browser = Client()
    browser.post(reverse("account_login"), {"login": EMAIL, "password": TEST_PASSWORD})
    assert browser.get(reverse("courses:dashboard")).status_code == 200
    assert UserSession.objects.filter(user=learner).exists()
    session_key = browser.session.session_key
    UserProfile.get_for_user(learner)
    log(Learner.objects.get(pk=learner.pk), "wagtail.edit", user=coordinator)  # label: the name
    ended = VenueFactory(status=VenueStatus.REJECTED, lead_name=NAME, contact_email=EMAIL)
    VenueMembership.objects.create(venue=ended, user=learner, role=VenueRole.CONTACT)
    listed = VenueFactory(status=VenueStatus.APPROVED)
    VenueMembership.objects.create(venue=listed, user=learner, role=VenueRole.STAFF)
    log(listed, "network.venue.note", user=coordinator, data={"note": f"Rang {NAME}"})
    listed_changes = log(
        listed,
        "wagtail.edit",
        user=coordinator,
        data={"changes": [f"Lead was {NAME}", "Opening hours changed", 3]},
    )
    AuditEvent.objects.create(actor=learner, action="login", summary=f"Signed in as {EMAIL}")
    session = FaceToFaceSession.objects.create(
        date=datetime.date(2026, 3, 2), module=module, trainer=NAME, agency=learner.agency
    )
    session.attendees.add(learner)
    assert rows_mentioning(EMAIL, NAME, REFLECTION)  # the scan finds them before erasure

    counts_before = (
        Enrolment.objects.filter(user=learner).count(),
        LessonCompletion.objects.filter(enrolment__user=learner).count(),
        Attempt.objects.filter(user=learner).count(),
    )

    sign_in(client, coordinator)
    url = reverse("privacy_erase", args=[learner.pk])
    assert "Type the person" in client.get(url).content.decode()
    wrong = client.post(url, {"email": "someone.else@example.org"})
    assert wrong.status_code == 200 and "not the person" in wrong.content.decode()
    learner.refresh_from_db()
    assert learner.email == EMAIL

    response = client.post(url, {"email": f"  {EMAIL.upper()} "})
    assert response.status_code == 302

    # Nothing personal anywhere: the email, the name, their own words.
    assert rows_mentioning(EMAIL, NAME, REFLECTION) == []
    assert rows_mentioning("Marlowe") == []

    listed_changes.refresh_from_db()  # words around the name, and the list's shape, kept
    assert listed_changes.data == {
        "changes": [f"Lead was {privacy.SCRUBBED}", "Opening hours changed", 3]
    }

    learner.refresh_from_db()
    assert learner.email == f"erased-{learner.pk}@erased.invalid"
    assert (learner.full_name, learner.job_role, learner.is_active) == ("", "", False)
    assert not learner.has_usable_password()
    assert learner.agency.name == "Southampton City Council"  # still counts for its agency
    assert not learner.groups.exists()
    for model in (ReflectionNote, EmailAddress, Authenticator, UserSession, UserProfile):
        assert not model.objects.filter(user=learner).exists(), model
    assert not VenueMembership.objects.filter(user=learner).exists()
    ended.refresh_from_db()
    assert (ended.lead_name, ended.contact_email, ended.contact_phone) == ("", "", "")
    assert Client().login(email=EMAIL, password=TEST_PASSWORD) is False
    assert not Session.objects.filter(session_key=session_key).exists()
    response = browser.get(reverse("courses:dashboard"))
    assert response["Location"].startswith(reverse("account_login"))  # signed out

    # The anonymous training record stays.
    assert counts_before == (
        Enrolment.objects.filter(user=learner).count(),
        LessonCompletion.objects.filter(enrolment__user=learner).count(),
        Attempt.objects.filter(user=learner).count(),
    )
    assert ConfidenceResponse.objects.filter(user=learner).count() == 1
    assert session.attendees.filter(pk=learner.pk).exists()  # attendance still counts
    trained.refresh_from_db()
    assert trained.holder_name == "" and trained.number and trained.module_id == module.pk

    # The certificate still verifies, pseudonymously.
    html = Client().get(reverse("verify_code", args=[trained.code]))
    assert html.status_code == 200
    page = html.content.decode()
    issued = timezone.localtime(trained.issued_at)
    assert "Certificate valid" in page
    assert f"Issued {issued.day} {issued:%B %Y} for {module.title}" in page
    assert "Holder" not in page and NAME not in page

    event = AuditEvent.objects.get(action="account.erased")
    assert event.actor == coordinator and event.target_id == str(learner.pk)
    assert ModelLogEntry.objects.filter(object_id=str(learner.pk), label=learner.email).exists()


def test_the_certificate_still_names_a_holder_who_is_not_erased(client, trained):
    page = client.get(reverse("verify_code", args=[trained.code])).content.decode()
    assert "Holder" in page and NAME in page


def test_the_contact_of_a_listed_venue_cannot_be_erased_until_reassigned(learner, coordinator):
    venue = VenueFactory(status=VenueStatus.APPROVED, name="The Corner Cafe", contact_email=EMAIL)
    VenueMembership.objects.create(venue=venue, user=learner, role=VenueRole.CONTACT)
    with pytest.raises(privacy.ErasureRefused, match="Reassign the venue's contact first"):
        privacy.erase_user(learner, by=coordinator)
    learner.refresh_from_db()
    venue.refresh_from_db()
    assert learner.email == EMAIL and venue.contact_email == EMAIL


def test_the_erase_screen_explains_a_refusal(client, coordinator, learner):
    venue = VenueFactory(status=VenueStatus.SUBMITTED, name="The Corner Cafe", contact_email=EMAIL)
    VenueMembership.objects.create(venue=venue, user=learner, role=VenueRole.CONTACT)
    sign_in(client, coordinator)
    response = client.post(reverse("privacy_erase", args=[learner.pk]), {"email": EMAIL})
    assert response.status_code == 200
    assert "The Corner Cafe" in response.content.decode()
    learner.refresh_from_db()
    assert learner.email == EMAIL


@pytest.mark.parametrize("role", [Role.TRAINING_COORDINATOR, Role.AGENCY_LEAD])
def test_staff_accounts_are_not_erased(user_with_role, coordinator, role):
    staff = user_with_role(role)
    with pytest.raises(privacy.ErasureRefused, match="staff role"):
        privacy.erase_user(staff, by=coordinator)


def test_administrators_are_not_erased(coordinator):
    with pytest.raises(privacy.ErasureRefused, match="administrator"):
        privacy.erase_user(UserFactory(is_superuser=True), by=coordinator)


def test_erasing_twice_changes_nothing(learner, coordinator):
    privacy.erase_user(learner, by=coordinator)
    privacy.erase_user(learner, by=coordinator)
    assert AuditEvent.objects.filter(action="account.erased").count() == 1


# --- Retention -------------------------------------------------------------------------------

NOW = datetime.datetime(2032, 6, 1, 9, tzinfo=datetime.UTC)


def _years_ago(years: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=round(365.25 * years))


def _person(email, joined_years_ago, role=None, **kwargs):
    person = UserFactory(email=email, role=role, **kwargs)
    joined = _years_ago(joined_years_ago)
    User.objects.filter(pk=person.pk).update(date_joined=joined, last_login=joined)
    return person


def test_retention_erases_only_people_inactive_for_longer_than_the_period(module):
    gone = _person("gone@example.org", 7)
    Enrolment.objects.create(user=gone, module=module, started_at=_years_ago(6.5))
    recent_training = _person("recent@example.org", 9)
    Enrolment.objects.create(
        user=recent_training, module=module, started_at=_years_ago(8), completed_at=_years_ago(2)
    )
    signed_in = _person("signed.in@example.org", 10)
    User.objects.filter(pk=signed_in.pk).update(last_login=_years_ago(1))
    never_used = _person("imported@example.org", 5.5)
    old_staff = _person("coordinator@example.org", 8, role=Role.TRAINING_COORDINATOR)
    old_admin = _person("admin@example.org", 8, is_superuser=True)

    assert privacy.apply_retention(now=NOW, years=6) == {"erased": 1, "skipped": 0}

    emails = set(User.objects.values_list("email", flat=True))
    assert f"erased-{gone.pk}@erased.invalid" in emails
    for kept in (recent_training, signed_in, never_used, old_staff, old_admin):
        assert kept.email in emails
    # A shorter period catches the account imported five and a half years ago, not staff.
    assert privacy.apply_retention(now=NOW, years=5)["erased"] == 1
    assert old_staff.email in set(User.objects.values_list("email", flat=True))


def test_retention_skips_a_running_venues_contact_and_says_so(module):
    contact = _person("contact@business.example", 8)
    venue = VenueFactory(status=VenueStatus.APPROVED, contact_email="contact@business.example")
    VenueMembership.objects.create(venue=venue, user=contact, role=VenueRole.CONTACT)
    assert privacy.apply_retention(now=NOW, years=6) == {"erased": 0, "skipped": 1}


def test_retention_period_comes_from_settings(settings):
    settings.TRAINING_RECORD_RETENTION_YEARS = 3
    assert privacy.retention_years() == 3
    del settings.TRAINING_RECORD_RETENTION_YEARS
    assert privacy.retention_years() == 6


def test_retention_command_queues_the_task_and_reports(module):
    _person("gone@example.org", 20)
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    text = out.getvalue()
    assert "Queued retention (6 years)" in text
    assert "Erased 1 people; 0 kept for now." in text


def test_erasure_finds_an_accented_name_inside_log_data_and_the_email_in_capitals(coordinator):
    person = UserFactory(full_name="Zoë Ødegård", email="zoe.o@example.org")
    venue = VenueFactory(status=VenueStatus.APPROVED)
    accented = log(venue, "wagtail.edit", user=coordinator, data={"note": "Rang Zoë Ødegård"})
    capitals = log(
        venue, "wagtail.edit", user=coordinator, data={"note": "ZOE.O@EXAMPLE.ORG asked to call"}
    )
    untouched = log(venue, "wagtail.edit", user=coordinator, data={"note": "Rang Zoe Smith"})
    privacy.erase_user(person, by=coordinator)
    for entry in (accented, capitals, untouched):
        entry.refresh_from_db()
    assert accented.data == {"note": f"Rang {privacy.SCRUBBED}"}
    assert capitals.data == {"note": f"{privacy.SCRUBBED} asked to call"}
    assert untouched.data == {"note": "Rang Zoe Smith"}


def test_an_administrator_with_a_staff_role_is_told_both_things_to_do_first(
    user_with_role, coordinator
):
    admin = user_with_role(Role.TRAINING_COORDINATOR, is_superuser=True)
    with pytest.raises(privacy.ErasureRefused) as refused:
        privacy.erase_user(admin, by=coordinator)
    assert str(refused.value) == (
        "This is an administrator's account. Remove administrator rights first. "
        "This person has a staff role, and their actions are on the audit record. "
        "An administrator must remove the role first."
    )


@pytest.mark.parametrize(
    ("name", "left"),
    [
        ("A  B", "Rang A B"),  # 3 characters once spaces are tidied: too short to scrub
        ("Al  B", f"Rang {privacy.SCRUBBED}"),  # 4: the shortest scrubbed
    ],
)
def test_a_name_is_scrubbed_from_notes_from_four_characters(coordinator, name, left):
    person = UserFactory(full_name=name)
    venue = VenueFactory(status=VenueStatus.APPROVED)
    tidied = " ".join(name.split())
    entry = log(venue, "wagtail.edit", user=coordinator, data={"note": f"Rang {tidied}"})
    privacy.erase_user(person, by=coordinator)
    entry.refresh_from_db()
    assert entry.data == {"note": left}


def test_erasure_finds_the_email_in_log_data_and_the_name_in_a_label_alone(coordinator):
    person = UserFactory(full_name="Rowan Ashby", email="rowan.a@example.org")
    venue = VenueFactory(status=VenueStatus.APPROVED)
    email_in_data = log(
        venue, "wagtail.edit", user=coordinator, data={"note": "Wrote to rowan.a@example.org"}
    )
    name_in_label = ModelLogEntry.objects.create(
        content_type=email_in_data.content_type,
        object_id=email_in_data.object_id,
        label="Call back Rowan Ashby",
        action="wagtail.edit",
        timestamp=timezone.now(),
        user=coordinator,
        data={},
    )
    privacy.erase_user(person, by=coordinator)
    email_in_data.refresh_from_db()
    name_in_label.refresh_from_db()
    assert email_in_data.data == {"note": f"Wrote to {privacy.SCRUBBED}"}
    assert name_in_label.label == f"Call back {privacy.SCRUBBED}"


def test_erasure_deletes_every_kind_of_record_of_theirs_and_no_one_else_s(
    coordinator, module, settings, tmp_path
):
    from pathlib import Path

    from allauth.mfa.models import Authenticator
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import APIToken, PageSubscription, UploadedFile

    from courses.models.coverage import RequiredTrainingReminder
    from scorm.factories import ScormLessonPageFactory, make_package, zip_folder
    from scorm.models import ScormRegistration

    settings.MEDIA_ROOT = tmp_path / "media"
    packages = Path(__file__).parents[1] / "scorm" / "packages"
    lesson = ScormLessonPageFactory(
        parent=module, package=make_package(zip_folder(packages / "scorm12_quiz"))
    )
    page_type = ContentType.objects.get_for_model(module)
    me, other = UserFactory(), UserFactory()
    uploads = {}
    for person in (me, other):
        n = person.pk
        ScormRegistration.objects.create(user=person, lesson=lesson, version="1.2")
        RequiredTrainingReminder.objects.create(
            user=person, kind="overdue", module=module, due_on=datetime.date(2026, 6, 1)
        )
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
        UserSession.objects.create(
            user=person,
            ip="203.0.113.9",
            user_agent="Browser",
            session_key=f"session-{n}",
            created_at=timezone.now(),
            last_seen_at=timezone.now(),
        )
        uploads[person] = UploadedFile.objects.create(
            file=ContentFile(b"draft", name=f"draft-{n}.txt"), uploaded_by_user=person
        )
        EditingSession.objects.create(
            user=person,
            content_type=page_type,
            object_id=str(module.pk),
            last_seen_at=timezone.now(),
        )
        FormState.objects.create(
            user=person,
            data="{}",
            content_type=page_type,
            object_id=str(module.pk),
            last_updated_at=timezone.now(),
        )
        APIToken.objects.create(user=person, name="Reports", key_hash=f"hash-{n}", prefix=f"p{n}")
        PageSubscription.objects.create(user=person, page=module, comment_notifications=True)
    kinds = [
        (ScormRegistration, "user"),
        (RequiredTrainingReminder, "user"),
        (Authenticator, "user"),
        (UserSession, "user"),
        (UploadedFile, "uploaded_by_user"),
        (EditingSession, "user"),
        (FormState, "user"),
        (APIToken, "user"),
        (PageSubscription, "user"),
    ]

    privacy.erase_user(me, by=coordinator)

    for model, field in kinds:
        assert not model.objects.filter(**{field: me}).exists(), model
        assert model.objects.filter(**{field: other}).count() == 1, model
    storage = uploads[me].file.storage
    assert not storage.exists(uploads[me].file.name)  # the file too, not only its row
    assert storage.exists(uploads[other].file.name)
