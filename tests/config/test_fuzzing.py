"""Hostile input to every public and learner form: never a server error, and a form that
refuses what was sent says so in an error summary.

Hypothesis sends each page a mix of plausible data (``from_form`` where the form class is
simple) and hostile data: control characters, NUL bytes, right-to-left overrides, huge
strings, HTML and template syntax, SQL, lists where one value is expected, made-up keys.
Uploads are checked separately at the end: every upload path has a size and a type limit
and explains a refusal instead of failing.
"""

import html
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis.extra.django import from_form

from accounts.factories import TEST_PASSWORD, UserFactory
from accounts.roles import Role
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SUMMARY = "There is a problem"

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\r\n\x0b\x0c",
    "\x1b[31m",
    "\u202eevil\u202c",
    "\ufeff",
    "\u200b",
    "\U0001f600" * 3,
    "\U0001d54f" * 60,
    "é" * 300,
    "x" * 5001,
    "x" * 100_000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}",
    "' OR '1'='1' --",
    "1; DROP TABLE accounts_user; --",
    "%s%n%x",
    "../../../etc/passwd",
    "None",
    "null",
    "NaN",
    "inf",
    "-1",
    "0",
    "1e309",
    "99999999999999999999999999",
    "١٢",
    "on",
    "True",
    "@",
    "a@b",
    "a" * 250 + "@example.org",
    "name@example.org\x00",
    "person@[127.0.0.1]",
    "SO14 7LY",
    "so147ly",
    "SCL-2026-000001",
    "9am",
    "17:30",
    "25:61",
]

TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x1F), max_size=8),
)
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=3))


def fields(*names: str) -> st.SearchStrategy[dict]:
    """Hostile values for any subset of ``names``, plus a few made-up keys."""
    return st.builds(
        lambda known, extra: {**extra, **known},
        st.fixed_dictionaries({}, optional=dict.fromkeys(names, VALUE)),
        st.dictionaries(st.text(max_size=12), VALUE, max_size=2),
    )


def browser_data(data: dict) -> dict:
    """Form values as a browser sends them: strings, lists for repeats, ticks as 'on'."""
    sent = {}
    for name, value in data.items():
        if value is None or value is False:
            continue
        if value is True:
            sent[name] = "on"
        elif isinstance(value, list | tuple | set | frozenset):
            sent[name] = [str(item) for item in value]
        else:
            sent[name] = str(value)
    return sent


@st.composite
def spoiled(draw, plausible: st.SearchStrategy[dict], names: tuple[str, ...]):
    """Plausible data with a few fields replaced by hostile values or left out."""
    data = dict(draw(plausible))
    for name in draw(st.lists(st.sampled_from(names), unique=True, max_size=3)):
        value = draw(st.none() | VALUE)
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def mixed(plausible: st.SearchStrategy[dict], names: tuple[str, ...]):
    return st.one_of(plausible, spoiled(plausible, names), fields(*names))


def of_form(form_class, **kwargs) -> st.SearchStrategy[dict]:
    """``from_form`` data, built lazily: some forms read the database when created."""
    return st.deferred(lambda: from_form(form_class, **kwargs).map(lambda f: browser_data(f.data)))


def posted(sent: dict) -> QueryDict:
    """``sent`` as the view sees it in ``request.POST``."""
    query = QueryDict(mutable=True)
    for name, value in sent.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def form_in(response):
    context = response.context
    if context is None:
        return None
    try:
        return context["form"]
    except KeyError:
        return None


def assert_handled(response, *, refused: bool | None = None):
    """No server error; a re-shown form with errors (or a refusal we predicted) is explained."""
    assert response.status_code < 500, response.content[:2000]
    if currently_in_test_context():
        event(f"HTTP {response.status_code}")  # see --hypothesis-show-statistics
    page = response.content.decode(errors="replace")
    form = form_in(response)
    if response.status_code in (200, 400) and form is not None and getattr(form, "errors", None):
        assert SUMMARY in page
    if refused:
        assert response.status_code in (200, 400), response.status_code
        assert SUMMARY in page


def has_nul(sent: dict) -> bool:
    """NUL bytes anywhere in a form are refused before the view (config.badinput): 400."""
    for name, value in sent.items():
        values = value if isinstance(value, list) else [value]
        if values and any("\x00" in str(text) for text in [name, *values]):
            return True  # (a name with an empty list of values is not sent at all)
    return False


def fresh():
    """Each example starts with no rate-limit counters: we test validation, not the 429 page."""
    cache.clear()


# --- Accounts ------------------------------------------------------------------------------

SIGNUP_FIELDS = ("full_name", "email", "job_role", "agency", "password1", "password2")


@pytest.fixture
def agency(db):
    from network.factories import AgencyFactory

    return AgencyFactory()


@FUZZ
@given(data=st.data())
def test_signup(client, agency, data):
    from accounts.forms import SignupForm

    fresh()
    password = st.sampled_from(["a-long-enough-pass-phrase", "short", "\x00" * 12])
    plausible = st.builds(
        lambda form, password: {**form, "password1": password, "password2": password},
        of_form(SignupForm, email=st.emails(), password1=password, password2=password),
        password,
    )
    sent = data.draw(mixed(plausible, SIGNUP_FIELDS))
    refused = not SignupForm(posted(sent)).is_valid()
    response = client.post(reverse("account_signup"), sent)
    assert_handled(response, refused=refused)
    client.logout()


@FUZZ
@given(sent=mixed(st.fixed_dictionaries({"login": TEXT, "password": TEXT}), ("login", "password")))
def test_login(client, sent):
    fresh()
    UserFactory.reset_sequence()
    response = client.post(reverse("account_login"), sent)
    assert_handled(response)
    if response.status_code == 200:
        assert SUMMARY in response.content.decode()  # nobody signs in with made-up details


def test_login_with_nul_bytes_and_a_real_account(client):
    user = UserFactory()
    for login, password in ((user.email + "\x00", TEST_PASSWORD), (user.email, "\x00")):
        response = client.post(reverse("account_login"), {"login": login, "password": password})
        assert_handled(response, refused=True)
    assert "_auth_user_id" not in client.session


@FUZZ
@given(data=st.data())
def test_password_reset(client, data):
    from accounts.forms import ResetPasswordForm

    fresh()
    sent = data.draw(mixed(of_form(ResetPasswordForm, email=st.emails()), ("email",)))
    refused = not ResetPasswordForm(posted(sent)).is_valid()
    assert_handled(client.post(reverse("account_reset_password"), sent), refused=refused)


@FUZZ
@given(data=st.data())
def test_profile_edit(client, data):
    from accounts.forms import ProfileForm

    fresh()
    user = UserFactory()
    sign_in(client, user)
    sent = data.draw(mixed(of_form(ProfileForm), ("full_name", "job_role")))
    refused = not ProfileForm(posted(sent), instance=user).is_valid()
    assert_handled(client.post(reverse("profile_edit"), sent), refused=refused)


ACCOUNT_PAGES = {
    "account_reauthenticate": ("password",),
    "account_change_password": ("oldpassword", "password1", "password2"),
    "account_email": ("email", "action_add", "action_remove", "action_primary", "action_send"),
    "mfa_activate_totp": ("code",),
    "usersessions_list": ("action",),
}


@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES))
def test_signed_in_account_pages(client, name):
    """allauth's own pages for a learner: password, email, two-factor set-up, sessions."""
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" in client.session
    if name in ("account_reauthenticate", "account_change_password"):
        assert_handled(client.post(reverse(name), {}), refused=True)

    @FUZZ
    @given(sent=fields(*ACCOUNT_PAGES[name]))
    def post(sent):
        fresh()
        assert_handled(client.post(reverse(name), sent))

    post()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


# --- Certificates --------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_verify(client, data):
    from certificates.views import VerifyForm

    fresh()
    sent = data.draw(mixed(of_form(VerifyForm), ("number", "code")))
    refused = not VerifyForm(posted(sent)).is_valid()
    response = client.post(reverse("verify"), sent)
    assert_handled(response, refused=refused or has_nul(sent))
    assert response.status_code == (400 if has_nul(sent) else 200)


# --- Safe Places ---------------------------------------------------------------------------

APPLY_FIELDS = (
    "name",
    "venue_type",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "public_phone",
    "accessibility",
    "closed_on_bank_holidays",
    "lead_name",
    "contact_email",
    "contact_phone",
    "staff_count",
    "confirm_public",
    "confirm_insurance",
    "confirm_quiet_place",
    "confirm_charter",
    "website",
    "submission_id",
    *(f"hours-{day}-{field}" for day in range(7) for field in ("closed", "opens", "closes")),
    *(f"hours-{day}-overnight" for day in range(7)),
)
# Plausible hours are valid; wrong ones ("9", "25:00", a stray overnight tick) come from
# the hostile values ``spoiled`` puts in.
OPENS = st.sampled_from(["9am", "0930", "08:00", "7.45am", "24:00"])
CLOSES = st.sampled_from(["17:30", "5.30pm", "midday", "noon"])
WORDS = st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30)


def _application():
    from network.models import ACCESSIBILITY_FEATURES, VenueType

    day = st.one_of(
        st.fixed_dictionaries({"closed": st.just("on")}),
        st.fixed_dictionaries({"opens": OPENS, "closes": CLOSES}),
    )
    main = st.fixed_dictionaries(
        {
            "name": WORDS,
            "venue_type": st.sampled_from(VenueType.values),
            "address_line_1": WORDS,
            "town": st.sampled_from(["Southampton", "Eastleigh"]),
            "postcode": st.sampled_from(["SO14 7LY", "so147ly", "SO17 1BJ", "SW1A 1AA"]),
            "public_phone": st.sampled_from(["", "023 8083 3000", "+44 (0)23 8083 3000"]),
            "accessibility": st.lists(
                st.sampled_from([key for key, _ in ACCESSIBILITY_FEATURES]), unique=True
            ),
            "closed_on_bank_holidays": st.sampled_from(["yes", "no"]),
            "lead_name": WORDS,
            "contact_email": st.emails(),
            "contact_phone": st.sampled_from(["07700 900982", "023 8083 3000"]),
            "staff_count": st.integers(min_value=-5, max_value=20_000).map(str),
            "confirm_public": st.just("on"),
            "confirm_insurance": st.just("on"),
            "confirm_quiet_place": st.just("on"),
            "confirm_charter": st.just("on"),
            "submission_id": st.uuids().map(str),
        }
    )
    return st.builds(
        lambda data, days: {
            **data,
            **{
                f"hours-{n}-{key}": value
                for n, hours in enumerate(days)
                for key, value in hours.items()
            },
        },
        main,
        st.lists(day, min_size=7, max_size=7),
    )


@FUZZ
@given(data=st.data())
def test_safe_places_application(client, django_capture_on_commit_callbacks, data):
    from network.forms import ApplicationForms

    fresh()
    sent = data.draw(mixed(st.deferred(_application), APPLY_FIELDS))
    forms = ApplicationForms(posted(sent))
    refused = not forms.is_spam and not forms.is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:apply"), sent)
    assert_handled(response, refused=refused)
    if forms.is_spam:
        assert response.status_code == 400


def _finder():
    from network.models import ACCESSIBILITY_FEATURES, VenueType

    return st.fixed_dictionaries(
        {},
        optional={
            "query": st.sampled_from(["SO14 7LY", "Portswood", "so17", "Nowhere at all", ""]),
            "open_now": st.just("on"),
            "venue_types": st.lists(st.sampled_from(VenueType.values), unique=True),
            "accessibility": st.lists(st.sampled_from([k for k, _ in ACCESSIBILITY_FEATURES])),
            "latitude": st.floats(allow_nan=True, allow_infinity=True).map(str),
            "longitude": st.floats(allow_nan=True, allow_infinity=True).map(str),
            "source": st.sampled_from(["location", "query", ""]),
        },
    )


FINDER_FIELDS = ("query", "open_now", "venue_types", "accessibility", "latitude", "longitude")


@FUZZ
@given(sent=mixed(st.deferred(_finder), (*FINDER_FIELDS, "source")))
def test_safe_places_finder(client, sent):
    from network.finder_views import FinderForm

    fresh()
    refused = not FinderForm(posted(sent)).is_valid()
    response = client.post(reverse("network:finder"), sent)
    assert_handled(response, refused=refused or has_nul(sent))
    if has_nul(sent):
        assert response.status_code == 400
    elif response.status_code == 303:
        # A search that found a place: on to the results page, whose address holds no place.
        assert not refused
        assert response["Location"] == reverse("network:finder_results")
    else:
        assert response.status_code == 200  # the form again, with the problem explained


@pytest.fixture
def venue_contact(client):
    from network.factories import VenueFactory, VenueMembershipFactory
    from network.models import VenueRole

    venue = VenueFactory()
    contact = UserFactory()
    VenueMembershipFactory(venue=venue, user=contact, role=VenueRole.CONTACT)
    sign_in(client, contact)
    return venue


@FUZZ
@given(data=st.data())
def test_annual_check(client, venue_contact, data):
    from network.manage_forms import AnnualCheckForm
    from network.models import VenueStatus

    fresh()
    if venue_contact.status != VenueStatus.APPROVED:  # a good example confirmed it: again
        type(venue_contact).objects.filter(pk=venue_contact.pk).update(status=VenueStatus.APPROVED)
    sent = data.draw(mixed(of_form(AnnualCheckForm), ("details_correct", "changes", "charter")))
    refused = not AnnualCheckForm(posted(sent)).is_valid()
    response = client.post(reverse("network:check", args=[venue_contact.pk]), sent)
    assert_handled(response, refused=refused)


@FUZZ
@given(data=st.data())
def test_invite_staff(client, venue_contact, django_capture_on_commit_callbacks, data):
    from network.manage_forms import InviteStaffForm

    fresh()
    sent = data.draw(mixed(of_form(InviteStaffForm), ("email",)))
    refused = not InviteStaffForm(posted(sent)).is_valid()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:manage_venue", args=[venue_contact.pk]), sent)
    assert_handled(response, refused=refused)


# --- Learning ------------------------------------------------------------------------------


@pytest.fixture
def learner(client):
    user = UserFactory()
    sign_in(client, user)
    return user


@pytest.fixture
def reflection_lesson(catalogue):
    from courses.factories import LessonPageFactory, lesson_body, module_with_lessons

    module = module_with_lessons(catalogue, count=0)
    body = lesson_body()
    body.insert(0, ("reflection", {"question": "What would you do?", "hint": ""}))
    return LessonPageFactory(parent=module, body=body)


@FUZZ
@given(data=st.data())
def test_reflection(client, learner, reflection_lesson, data):
    from courses.forms import ReflectionForm

    fresh()
    block_id = reflection_lesson.body[0].id
    plausible = st.fixed_dictionaries(
        {"block_id": st.just(block_id), "text": st.text(max_size=200)}
    )
    sent = data.draw(mixed(plausible, ("block_id", "text")))
    right_block = sent.get("block_id") == block_id
    refused = right_block and not ReflectionForm(posted(sent)).is_valid()
    url = reverse("courses:save_reflection", args=[reflection_lesson.pk])
    response = client.post(url, sent)
    assert_handled(response, refused=refused)
    if has_nul(sent):
        assert response.status_code == 400
    elif not right_block:
        assert response.status_code == 404


@pytest.fixture
def quiz(module):
    from courses.factories import make_question, make_quiz

    questions = [
        make_question("single", "Q single"),
        make_question("multiple", "Q multiple"),
        make_question("true_false", "Q true/false"),
        make_question("matching", "Q matching"),
    ]
    return make_quiz(module, questions, confidence_statements="I feel ready\nI know who to call")


@pytest.fixture
def attempt(client, learner, quiz):
    from courses.models import Attempt

    client.post(reverse("courses:start_quiz", args=[quiz.pk]))
    return Attempt.objects.get(user=learner)


def _answers(attempt):
    """Keys and values the page could send: real option and pair keys, and made-up ones."""
    names, values = [], ["o99", "", "\x00", "x" * 1000]
    for index, question in enumerate(attempt.questions):
        names.append(f"q{index}")
        values += [option["key"] for option in question.get("options", [])]
        for pair in question.get("pairs", []):
            names.append(f"q{index}-{pair['key']}")
            values.append(pair["answer"])
    names += ["q-1", "q999", "qx", "action", "page"]
    value = st.one_of(st.sampled_from(values), TEXT)
    plausible = st.fixed_dictionaries(
        {},
        optional={
            **{name: st.one_of(value, st.lists(value, max_size=4)) for name in names},
            "action": st.sampled_from(["next", "previous", "save", "finish", ""]),
        },
    )
    return mixed(plausible, tuple(names))


@FUZZ
@given(data=st.data())
def test_quiz_attempt_page(client, attempt, data):
    fresh()
    sent = data.draw(_answers(attempt))
    page = data.draw(st.sampled_from([1, 1, 2, 0, 99]))
    response = client.post(reverse("courses:attempt", args=[attempt.pk, page]), sent)
    assert_handled(response)
    assert response.status_code in (200, 302, 400)
    if response.status_code == 400:
        assert SUMMARY in response.content.decode()


@FUZZ
@given(sent=fields("token", "action", "page"))
def test_quiz_submit_and_time(client, attempt, sent):
    fresh()
    assert_handled(client.post(reverse("courses:attempt_time", args=[attempt.pk]), sent))
    response = client.post(reverse("courses:attempt_summary", args=[attempt.pk]), sent)
    assert_handled(response)
    if response.status_code == 400:
        assert SUMMARY in response.content.decode()


@FUZZ
@given(
    sent=mixed(
        st.fixed_dictionaries({"s0": st.sampled_from("123456"), "s1": st.sampled_from("012345")}),
        ("s0", "s1", "s2"),
    ),
    stage=st.sampled_from(["before", "after", "during", "\x00", "x" * 300]),
)
def test_confidence(client, learner, quiz, sent, stage):
    fresh()
    response = client.post(reverse("courses:confidence", args=[quiz.pk, stage]), sent)
    assert_handled(response)
    if response.status_code == 400:
        assert SUMMARY in response.content.decode()


@FUZZ
@given(sent=fields("audience", "duration", "page", "content_note"))
def test_catalogue_filter_and_lesson_query_strings(client, module, learner, sent):
    from courses.selectors import live_lessons

    fresh()
    assert_handled(client.get(module.get_parent().url, sent))
    assert_handled(client.get(module.url, sent))
    assert_handled(client.get(live_lessons(module).first().url, sent))


# --- Codes and tokens in addresses ---------------------------------------------------------

SEGMENT = st.one_of(
    st.sampled_from(["\x00", "a\x00b", "%00", "x" * 5000, "' OR 1=1 --", "\u202e", "..", "é"]),
    st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s and "?" not in s),
)


@FUZZ
@given(segment=SEGMENT)
def test_codes_and_tokens_in_addresses(client, learner, segment):
    """Every address that carries a code, number, token or key, with rubbish in it."""
    from urllib.parse import quote

    fresh()
    part = quote(segment, safe="")
    for url in (
        f"/verify/{part}/",
        f"/learning/certificates/{part}/",
        f"/learning/certificates/{part}/pdf/",
        f"/safe-places/join/{part}/",
        f"/safe-places/venues/{part}/",
        f"/accounts/confirm-email/{part}/",
        f"/accounts/password/reset/key/{part}/",
        f"/accounts/password/reset/key/1-{part}/",
    ):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        if "confirm-email" in url:
            assert client.post(url).status_code < 500
    assert client.get("/accounts/login/", {"next": segment}).status_code < 500


# --- Request size limits -------------------------------------------------------------------


def test_a_request_body_over_the_limit_is_refused_not_crashed(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client.post(reverse("network:apply"), {"name": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 400


def test_too_many_fields_are_refused_not_crashed(client, settings):
    response = client.post(
        reverse("network:apply"),
        {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)},
    )
    assert response.status_code == 400


# --- Uploads -------------------------------------------------------------------------------


def _png(width=2, height=2, mode="RGB", format="PNG") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, format=format)
    return buffer.getvalue()


@pytest.fixture
def editor(client):
    sign_in(client, UserFactory(role=Role.EDITOR))
    return client


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("big.png", _png() + b"\0" * (5 * 1024 * 1024), "This file is too big"),
        ("page.html", b"<script>alert(1)</script>", "Not a supported image format"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "Not a supported image"),
        ("fake.png", b"<script>alert(1)</script>", "Not a valid .png image"),
        ("fake.jpg", b"\x00" * 64, "Upload a valid image"),
    ],
)
def test_image_uploads_are_limited_by_size_and_type(editor, name, content, message):
    from wagtail.images import get_image_model

    response = editor.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert message in html.unescape(response.content.decode())
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("big.pdf", 10 * 1024 * 1024 + 1, "This file is too big"),
        ("run.exe", 10, "File extension"),
        ("page.html", 10, "File extension"),
        ("drawing.svg", 10, "File extension"),
    ],
)
def test_document_uploads_are_limited_by_size_and_type(editor, name, size, message):
    from wagtail.documents import get_document_model

    response = editor.post(
        reverse("wagtaildocs:add"),
        {"title": "Leaflet", "file": SimpleUploadedFile(name, b"x" * size), "collection": 1},
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert message in html.unescape(response.content.decode())
    assert not get_document_model().objects.exists()


@pytest.fixture
def coordinator(client):
    sign_in(client, UserFactory(role=Role.TRAINING_COORDINATOR))
    return client


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("staff.csv", b"Name,Email,Job role\n" + b"x" * (2 * 1024 * 1024), "2 MB or smaller"),
        ("staff.xlsx", b"PK\x03\x04", "Choose a .csv file"),
        ("staff.csv", b"\xff\xfe\x00\x00\x00garbage\x00", "Nobody"),
        ("staff.csv", b"", "The submitted file is empty"),
    ],
)
def test_staff_csv_uploads_are_limited_by_size_and_type(
    coordinator, agency, name, content, message
):
    from accounts.models import User

    people = User.objects.count()
    response = coordinator.post(
        reverse("network_staff_import"),
        {"agency": agency.pk, "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == people


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<quiz><question type="truefalse"><name><text>&lol3;</text></name></question></quiz>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="truefalse"><name><text>&secret;</text></name></question></quiz>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bank.xml", b"x" * (10 * 1024 * 1024 + 1), "10 MB or smaller"),
        ("bank.docx", b"PK\x03\x04", "Choose a .gift, .txt or .xml file"),
        ("bank.xml", BILLION_LAUGHS, "Nothing was imported"),
        ("bank.xml", EXTERNAL_ENTITY, "Nothing was imported"),
        ("bank.xml", b"\x00\xff\xfe<quiz>", "Nothing was imported"),
        ("bank.gift", b"\x00\xff\xfe::Q::{", "Nothing was imported"),
        ("bank.gift", "::Q::Ünïcödé ‮ {TRUE}".encode("utf-16"), "Nothing was imported"),
    ],
)
def test_question_bank_uploads_are_limited_and_hostile_files_import_nothing(
    coordinator, name, content, message
):
    from courses.models import Question

    response = coordinator.post(
        reverse("courses_question_import"),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert "root:" not in page
    # A file that was read (and refused) has its own page: confirming it imports nothing.
    if response.redirect_chain:
        coordinator.post(response.redirect_chain[-1][0], {"action": "confirm"})
    assert not Question.objects.exists()


@pytest.mark.parametrize("format", ["GIF", "WEBP", "PNG"])
def test_a_certificate_logo_in_any_allowed_image_format_prints(format, module):
    """The logo is a Wagtail image (size and type limited as above); every allowed format
    prints, and a logo whose file has gone missing leaves it out instead of failing."""
    from wagtail.images import get_image_model

    from certificates import pdf
    from certificates.models import CertificateTemplate
    from network.factories import certify

    mode = "P" if format == "GIF" else "RGBA"
    image = get_image_model().objects.create(
        title="Logo",
        file=SimpleUploadedFile(f"logo.{format.lower()}", _png(40, 20, mode, format)),
    )
    template = CertificateTemplate.load()
    template.logo = image
    template.save()
    certificate = certify(UserFactory(), module)
    assert pdf.render(certificate, "http://testserver/verify/x/").startswith(b"%PDF")
    image.file.delete(save=False)
    assert pdf.render(certificate, "http://testserver/verify/x/").startswith(b"%PDF")


def test_imported_question_html_keeps_formatting_but_not_scripts(coordinator):
    """Stems are shown to learners as HTML, so an imported file cannot put script in them."""
    from courses.models import Question

    gift = (
        "::Q::[html]<p>Is it <b>true</b>?<script>alert(2)</script>"
        "<a href='javascript:alert(3)'>here</a> <a href='https://example.org'>help</a></p>"
        "{TRUE####[html]<iframe src='//evil.example'></iframe><em>Because.</em>}\n"
    )
    # A picture from elsewhere (here with a script handler) is refused, naming the question:
    # it would tell another site who is taking the quiz.
    with_picture = gift.replace("?<script>", "?<img src=x onerror=alert(1)><script>")
    response = coordinator.post(
        reverse("courses_question_import"),
        {"file": SimpleUploadedFile("bank.gift", with_picture.encode())},
        follow=True,
    )
    assert "picture from another website" in response.content.decode()
    coordinator.post(response.redirect_chain[-1][0], {"action": "confirm"})
    assert not Question.objects.exists()

    response = coordinator.post(
        reverse("courses_question_import"),
        {"file": SimpleUploadedFile("bank.gift", gift.encode())},
        follow=True,
    )
    coordinator.post(response.redirect_chain[-1][0], {"action": "confirm"})
    question = Question.objects.get()
    stored = question.stem + question.general_feedback
    for hostile in ("<script", "alert(", "onerror", "javascript:", "<iframe", "<img"):
        assert hostile not in stored
    assert "<b>true</b>" in question.stem
    assert '<a href="https://example.org">help</a>' in question.stem
    assert "<em>Because.</em>" in question.general_feedback
