"""Authorisation, generated from the URL conf.

Every URL pattern outside the admin that takes an id, number, code, slug or token must be
in ``TABLE`` (or in ``PUBLIC_BY_DESIGN`` with a reason). For each one the test builds the
URL of an object that belongs to learner A, agency X or venue V, and requests it as an
anonymous visitor, as another learner B (a colleague in A's own agency) and as the lead of
another agency. Each must be sent to sign in, refused (403) or told there is no such thing
(404); where the URL names shared content (a module, a lesson, a quiz) the visitor may act
on their own record, but never sees or changes A's. A's records and venue V are compared
before and after, and no response to a visitor may contain A's name, email, certificate
number or code, or V's private contact details. A's own request is the control: it must
succeed, so every URL in the table was built for a real object.

A new URL with a parameter fails ``test_every_object_url_is_in_the_table`` until it is added.
"""

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.roles import Role
from network.factories import AgencyFactory, VenueFactory, VenueMembershipFactory, configure_scheme
from network.models import Venue, VenueRole, VenueStatus
from tests.helpers import sign_in

from .urlconf import routes

pytestmark = pytest.mark.django_db


class Outcome(enum.Enum):
    LOGIN = "sent to sign in"
    FORBIDDEN = "403 Forbidden"
    NOT_FOUND = "404 Not Found"
    # Shared content (a module, a lesson, a quiz): the visitor acts on their own record only.
    OWN = "allowed on the visitor's own record, nothing of A's shown or changed"
    OK = "succeeds (2xx, or a redirect that is not to sign in)"


@dataclass
class World:
    learner_a: object
    learner_b: object
    lead_x: object  # lead of A's agency (the owner's side of coverage pages)
    lead_y: object  # lead of another agency
    agency_x: object
    module: object
    lesson: object
    reflection_lesson: object
    reflection_block: str
    quiz: object
    attempt: object
    certificate: object
    venue: object
    staff: object  # a staff membership of venue V
    pending_venue: object  # an application of A's, not yet public
    secrets: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """How to build the URL of A's object, and what each visitor must get."""

    build: Callable[[World], str]
    method: str = "get"
    anonymous: Outcome = Outcome.LOGIN
    other_learner: Outcome = Outcome.NOT_FOUND
    other_lead: Outcome = Outcome.NOT_FOUND
    owner: Outcome = Outcome.OK
    owner_user: str = "learner_a"
    data: Callable[[World], dict] | None = None


def _url(name, *args):
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


SHARED = {"other_learner": Outcome.OWN, "other_lead": Outcome.OWN}

TABLE: dict[str, Case] = {
    # Certificates: the holder's own pages.
    "certificate_detail": Case(_url("certificate_detail", lambda w: w.certificate.number)),
    "certificate_pdf": Case(_url("certificate_pdf", lambda w: w.certificate.number)),
    "certificate_badge": Case(_url("certificate_badge", lambda w: w.certificate.number)),
    # Modules, lessons and quizzes are shared content; what they act on is the visitor's record.
    "courses:start_module": Case(
        _url("courses:start_module", lambda w: w.module.pk), "post", **SHARED
    ),
    "courses:resume_module": Case(_url("courses:resume_module", lambda w: w.module.pk), **SHARED),
    "courses:complete_lesson": Case(
        _url("courses:complete_lesson", lambda w: w.lesson.pk), "post", **SHARED
    ),
    "courses:save_reflection": Case(
        _url("courses:save_reflection", lambda w: w.reflection_lesson.pk),
        "post",
        data=lambda w: {"block_id": w.reflection_block, "text": "Someone else's answer."},
        **SHARED,
    ),
    "courses:quiz": Case(_url("courses:quiz", lambda w: w.quiz.pk), **SHARED),
    "courses:start_quiz": Case(_url("courses:start_quiz", lambda w: w.quiz.pk), "post", **SHARED),
    "courses:confidence": Case(_url("courses:confidence", lambda w: w.quiz.pk, "before"), **SHARED),
    # A's quiz attempt.
    "courses:attempt": Case(_url("courses:attempt", lambda w: w.attempt.pk, 1)),
    "courses:attempt_summary": Case(_url("courses:attempt_summary", lambda w: w.attempt.pk)),
    "courses:attempt_time": Case(_url("courses:attempt_time", lambda w: w.attempt.pk), "post"),
    "courses:attempt_result": Case(_url("courses:attempt_result", lambda w: w.attempt.pk)),
    # The learners of agency X on one module: for X's lead and the coordinator only.
    "courses:coverage_learners": Case(
        _url("courses:coverage_learners", lambda w: w.agency_x.pk, lambda w: w.module.pk),
        other_learner=Outcome.FORBIDDEN,
        owner_user="lead_x",
    ),
    # Reminding the people of agency X who lack a required module: X's lead and the
    # coordinator only (a learner is refused; another agency's lead is told it does not exist).
    "courses:coverage_nudge": Case(
        _url("courses:coverage_nudge", lambda w: w.agency_x.pk, lambda w: w.module.pk),
        "post",
        other_learner=Outcome.FORBIDDEN,
        owner_user="lead_x",
    ),
    # The people of one job role on one module, across the agencies the viewer may see: a
    # learner is refused; another agency's lead sees their own agency only (none of A's).
    "courses:coverage_role_learners": Case(
        lambda w: (
            reverse("courses:coverage_role_learners", args=[w.module.pk])
            + "?role=frontline&show=registered"
        ),
        other_learner=Outcome.FORBIDDEN,
        other_lead=Outcome.OWN,
        owner_user="lead_x",
    ),
    # Venue V, managed by A as its contact.
    "network:manage_venue": Case(_url("network:manage_venue", lambda w: w.venue.pk)),
    "network:check": Case(_url("network:check", lambda w: w.venue.pk)),
    "network:edit_listing": Case(_url("network:edit_listing", lambda w: w.venue.pk)),
    "network:pack": Case(_url("network:pack", lambda w: w.venue.pk)),
    "network:remove_staff": Case(
        _url("network:remove_staff", lambda w: w.venue.pk, lambda w: w.staff.pk), "post"
    ),
    # A listed venue's page is public (see PUBLIC_BY_DESIGN); an application that is not
    # approved has no public page, not even for its own contact.
    "network:venue": Case(
        _url("network:venue", lambda w: w.pending_venue.slug),
        anonymous=Outcome.NOT_FOUND,
        owner=Outcome.NOT_FOUND,
    ),
}


def _a_s_booking(w: World):
    """A's place on an upcoming training session (made on first use)."""
    if getattr(w, "booking", None) is None:
        from events.factories import make_session
        from events.services import book

        w.booking = book(w.learner_a, make_session(capacity=5))
    return w.booking


def _a_s_training(w: World):
    """A session A is the trainer of, with B booked on it (made on first use)."""
    if getattr(w, "training", None) is None:
        from events.factories import make_session
        from events.services import book

        w.training = make_session(capacity=5, trainer=w.learner_a)
        book(w.learner_b, w.training)
    return w.training


# Training sessions (events): a session is shared content; a booking is A's own.
TABLE.update(
    {
        "events:session": Case(
            _url("events:session", lambda w: _a_s_booking(w).session_id), **SHARED
        ),
        "events:book": Case(
            _url("events:book", lambda w: _a_s_booking(w).session_id), "post", **SHARED
        ),
        "events:cancel": Case(_url("events:cancel", lambda w: _a_s_booking(w).pk), "post"),
        "events:accept": Case(_url("events:accept", lambda w: _a_s_booking(w).pk), "post"),
        # The register of a session A trains: for its trainer and the coordinator only.
        "events:register": Case(
            _url("events:register", lambda w: _a_s_training(w).pk),
            other_learner=Outcome.FORBIDDEN,
            other_lead=Outcome.FORBIDDEN,
        ),
        "events:sign_in_sheet": Case(
            _url("events:sign_in_sheet", lambda w: _a_s_training(w).pk),
            other_learner=Outcome.FORBIDDEN,
            other_lead=Outcome.FORBIDDEN,
        ),
    }
)


def _a_s_request(w: World):
    """A's request for a place on a course that needs the agency lead's approval."""
    if getattr(w, "request", None) is None:
        from events.factories import make_session
        from events.services import book

        session = make_session(capacity=5)
        session.course.requires_approval = True
        session.course.save()
        w.request = book(w.learner_a, session)
    return w.request


# Approval: A's request is decided by the lead of A's agency (or the coordinator) only; a
# learner is refused, another agency's lead is told it does not exist. Feedback is A's own.
TABLE.update(
    {
        "events:decide": Case(
            _url("events:decide", lambda w: _a_s_request(w).pk),
            "post",
            other_learner=Outcome.FORBIDDEN,
            owner_user="lead_x",
            data=lambda w: {"decision": "decline"},
        ),
        "events:feedback": Case(_url("events:feedback", lambda w: _a_s_booking(w).pk)),
    }
)


def _a_s_scorm_lesson(w: World):
    """A SCORM lesson in A's module, with A's saved progress in it (made on first use)."""
    if getattr(w, "scorm_lesson", None) is None:
        from pathlib import Path

        from scorm import services as scorm_services
        from scorm.factories import ScormLessonPageFactory, make_package, zip_folder

        folder = Path(__file__).parent.parent / "scorm" / "packages" / "scorm12_quiz"
        package = make_package(zip_folder(folder), title="SCORM 1.2 test package")
        w.scorm_lesson = ScormLessonPageFactory(parent=w.module, package=package)
        scorm_services.commit(
            w.learner_a, w.scorm_lesson, {"cmi": {"suspend_data": "A's own progress"}}
        )
    return w.scorm_lesson


# SCORM lessons (scorm app): the package's files are shared content for signed-in learners;
# a commit saves the requester's own runtime record, never A's.
TABLE.update(
    {
        "scorm:content": Case(
            lambda w: reverse(
                "scorm:content",
                kwargs={"package_id": _a_s_scorm_lesson(w).package_id, "path": "index.html"},
            ),
            **SHARED,
        ),
        "scorm:commit": Case(
            _url("scorm:commit", lambda w: _a_s_scorm_lesson(w).pk),
            "post",
            anonymous=Outcome.FORBIDDEN,
            data=lambda w: {"commit": '{"cmi": {"suspend_data": "Someone else\'s progress"}}'},
            **SHARED,
        ),
    }
)


PUBLIC_BY_DESIGN: dict[str, str] = {
    "media_image": "Wagtail images have no privacy setting; config.media serves only images/ "
    "and original_images/, never documents/.",
    "verify_code": "The public certificate check: anyone holding the verification code printed "
    "on a certificate may confirm it (rate-limited; unknown codes 404).",
    "network:venue": "A listed Safe Place's public page is the point of the finder; unlisted "
    "applications are checked in TABLE.",
    "network:join": "An invitation link: the token emailed to the invitee is the credential; "
    "unknown or expired tokens 404.",
    "network:claim": "The link emailed to an application's contact address: it acts only for "
    "someone signed in with exactly that verified address, shows others nothing of the venue, "
    "and unknown, used or expired tokens 404 (tests/network/test_claim.py).",
    "account_confirm_email": "allauth's email confirmation link: the emailed key is the "
    "credential.",
    "account_reset_password_from_key": "allauth's password reset link: the emailed key is the "
    "credential.",
    "wagtailcore_authenticate_with_password": "Wagtail's password form for a page with a "
    "view restriction; it shows nothing of the page until the password is given.",
    "wagtaildocs_serve": "Published documents; Wagtail enforces collection view restrictions.",
    "wagtaildocs_authenticate_with_password": "Wagtail's password form for a restricted "
    "document collection; shows nothing until the password is given.",
    "wagtail_serve": "The Wagtail page tree: published pages are public; lessons require "
    "signing in (tests/courses).",
}


def object_routes():
    """Patterns with a parameter, outside the admin."""
    return [r for r in routes() if r.params and not r.is_under("admin/")]


def test_every_object_url_is_in_the_table():
    names = {r.name for r in object_routes()}
    missing = sorted(names - TABLE.keys() - PUBLIC_BY_DESIGN.keys())
    assert not missing, "\n".join(
        f"New URL {name}: add it to the authorisation table in {__file__}" for name in missing
    )
    stale = sorted((TABLE.keys() | PUBLIC_BY_DESIGN.keys()) - names)
    assert not stale, f"No longer in the URL conf, remove from the table: {stale}"
    for name, reason in PUBLIC_BY_DESIGN.items():
        assert len(reason) > 20, f"{name}: say why it is public"


# --- The world: learner A, agency X, venue V and the visitors ---------------------------------


@pytest.fixture
def world(module, catalogue):
    from courses.factories import (
        LessonPageFactory,
        lesson_body,
        make_question,
        make_quiz,
        module_with_lessons,
    )
    from courses.services import save_reflection, start_attempt
    from network.factories import certify

    agency_x, agency_y = AgencyFactory(), AgencyFactory()
    learner_a = UserFactory(agency=agency_x, full_name="Alexandra Quartermaine")
    learner_b = UserFactory(agency=agency_x, full_name="Bertie Colleague")
    lead_x = UserFactory(role=Role.AGENCY_LEAD, agency=agency_x, full_name="Xena Lead")
    lead_y = UserFactory(role=Role.AGENCY_LEAD, agency=agency_y, full_name="Yusuf Lead")

    quiz = make_quiz(
        module, [make_question(), make_question()], confidence_statements="I can spot signs."
    )
    attempt = start_attempt(learner_a, quiz)
    other_module = module_with_lessons(catalogue, count=1, title="Safe Places")
    certificate = certify(learner_a, other_module)
    configure_scheme(other_module)

    venue = VenueFactory(contact_email="v.private@business.example", lead_name="Vera Private")
    VenueMembershipFactory(venue=venue, user=learner_a, role=VenueRole.CONTACT)
    staff = VenueMembershipFactory(venue=venue, role=VenueRole.STAFF)
    pending_venue = VenueFactory(status=VenueStatus.SUBMITTED)
    VenueMembershipFactory(venue=pending_venue, user=learner_a, role=VenueRole.CONTACT)

    lesson = module.get_children().live().specific().first()
    body = lesson_body()
    body.insert(0, ("reflection", {"question": "What would you do?", "hint": ""}))
    reflection_lesson = LessonPageFactory(parent=module, body=body)
    reflection_block = reflection_lesson.body[0].id
    a_s_answer = "A's private answer: I would ask my manager first."
    save_reflection(learner_a, reflection_lesson, reflection_block, a_s_answer)
    return World(
        learner_a=learner_a,
        learner_b=learner_b,
        lead_x=lead_x,
        lead_y=lead_y,
        agency_x=agency_x,
        module=module,
        lesson=lesson,
        reflection_lesson=reflection_lesson,
        reflection_block=reflection_block,
        quiz=quiz,
        attempt=attempt,
        certificate=certificate,
        venue=venue,
        staff=staff,
        pending_venue=pending_venue,
        secrets=[
            learner_a.email,
            learner_a.full_name,
            certificate.number,
            certificate.code,
            venue.contact_email,
            venue.lead_name,
            staff.user.email,
            a_s_answer,
        ],
    )


def a_and_v_records(w: World) -> dict:
    """Every row that belongs to A (any model with a link to the user), and venue V's."""
    user_model = get_user_model()
    records = {}
    for model in apps.get_models():
        links = [
            f.name
            for f in model._meta.get_fields()
            if f.concrete and f.is_relation and f.related_model is user_model
        ]
        for link in links:
            rows = model._default_manager.filter(**{link: w.learner_a}).order_by("pk")
            records[f"{model._meta.label}.{link}"] = [model_to_dict(row) for row in rows]
    records["venue"] = model_to_dict(Venue.objects.get(pk=w.venue.pk))
    records["venue_members"] = sorted(w.venue.memberships.values_list("pk", "user_id", "role"))
    return records


def is_login_redirect(response) -> bool:
    login = str(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].startswith(login)


def check(response, expected: Outcome, w: World, who: str) -> str | None:
    """A description of what went wrong, or None."""
    status = response.status_code
    if status >= 500:
        return f"{who}: server error {status}"
    if expected is Outcome.OK:
        if is_login_redirect(response) or status >= 400:
            return f"{who}: expected success, got {status} {response.get('Location', '')}"
        return None
    if expected is not Outcome.OWN:
        body = b"" if response.streaming else response.content
        for secret in w.secrets:
            if secret and secret.encode() in body:
                return f"{who}: response shows A's or V's private data ({secret[:3]}...)"
    if expected is Outcome.LOGIN and not is_login_redirect(response):
        return f"{who}: expected a redirect to sign in, got {status}"
    if expected is Outcome.FORBIDDEN and status != 403:
        return f"{who}: expected 403, got {status}"
    if expected is Outcome.NOT_FOUND and status != 404:
        return f"{who}: expected 404, got {status}"
    if expected is Outcome.OWN:
        if status in (401, 403, 404) or is_login_redirect(response):
            return f"{who}: expected to act on their own record, got {status}"
        body = response.content if not response.streaming else b""
        for secret in w.secrets:
            if secret and secret.encode() in body:
                return f"{who}: response shows A's or V's private data ({secret[:3]}...)"
    return None


def request(client, case: Case, url: str, w: World):
    data = case.data(w) if case.data else {}
    return getattr(client, case.method)(url, data, secure=True)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_nobody_else_reaches_a_learners_or_venues_objects(name, world):
    case = TABLE[name]
    url = case.build(world)
    before = a_and_v_records(world)
    visitors = [
        ("anonymous", None, case.anonymous),
        ("another learner", world.learner_b, case.other_learner),
        ("another agency's lead", world.lead_y, case.other_lead),
    ]
    problems = []
    for who, user, expected in visitors:
        client = Client()
        if user is not None:
            sign_in(client, user)
        response = request(client, case, url, world)
        problem = check(response, expected, world, who)
        if problem:
            problems.append(problem)
    if a_and_v_records(world) != before:
        problems.append("a visitor's request changed A's records or venue V")

    owner = Client()
    sign_in(owner, getattr(world, case.owner_user))
    response = request(owner, case, url, world)
    problem = check(response, case.owner, world, f"owner ({case.owner_user})")
    if problem:
        problems.append(problem)
    assert not problems, f"{case.method.upper()} {url}:\n" + "\n".join(problems)


def test_the_owner_control_really_shows_a_s_data(world):
    """The visitors' checks look for A's details in the response; make sure they would be there."""
    shown = {
        "certificate_detail": world.certificate.number,
        "courses:coverage_learners": world.learner_a.full_name,
        "courses:coverage_role_learners": world.learner_a.full_name,
        "network:manage_venue": world.venue.contact_email,
    }
    for name, secret in shown.items():
        case = TABLE[name]
        client = Client()
        sign_in(client, getattr(world, case.owner_user))
        response = client.get(case.build(world), secure=True)
        assert response.status_code == 200, name
        assert secret in response.content.decode(), name


def test_public_by_design_urls_do_not_leak_a_pending_or_unknown_object(client, world):
    """The allow-listed URLs still 404 for things that do not exist or are not public."""
    assert client.get(reverse("verify_code", args=["NOSUCHCODE"])).status_code == 404
    assert client.get(reverse("network:join", args=["not-a-real-token"])).status_code == 404
    assert client.get(reverse("network:venue", args=[world.pending_venue.slug])).status_code == 404
    listed = client.get(reverse("network:venue", args=[world.venue.slug]))
    assert listed.status_code == 200
    body = listed.content.decode()
    assert world.venue.contact_email not in body
    assert world.venue.lead_name not in body
    assert world.learner_a.email not in body
    assert not re.search(re.escape(world.learner_a.full_name), body)


def test_a_venue_contact_cannot_remove_another_venue_s_staff(client, world):
    """The membership id is checked against the venue in the URL, not just the venue."""
    other_staff = VenueMembershipFactory(venue=VenueFactory(), role=VenueRole.STAFF)
    sign_in(client, world.learner_a)  # contact of venue V, not of the other venue
    url = reverse("network:remove_staff", args=[world.venue.pk, other_staff.pk])
    assert client.post(url, secure=True).status_code == 404
    assert type(other_staff).objects.filter(pk=other_staff.pk).exists()


def test_there_is_no_second_password_form_that_skips_lockout_and_mfa(client, home_page):
    """Wagtail's front-end login (/_util/login/) must not sign anyone in: it would bypass
    allauth's failed-login lockout and two-factor authentication."""
    from accounts.factories import TEST_PASSWORD

    editor = UserFactory(role=Role.EDITOR)
    response = client.post(
        reverse("wagtailcore_login"),
        {"username": editor.email, "password": TEST_PASSWORD},
        secure=True,
    )
    assert "_auth_user_id" not in client.session, "signed in without allauth (no MFA, no lockout)"
    assert response.status_code == 302
    assert response["Location"].startswith(str(settings.LOGIN_URL))
