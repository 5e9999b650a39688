"""API tokens: scopes, revocation, expiry, hash-only storage, the rate limit, the audit log,
GET only, and who may issue and revoke tokens in the admin."""

import datetime
import hashlib

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from dataapi import authentication, services
from dataapi.models import ApiToken, Scope
from tests.helpers import sign_in

from .conftest import ALL_SCOPES, call, data_routes, path_of

pytestmark = pytest.mark.django_db

SCOPE_OF = {
    "dataapi:v1:coverage-agencies": Scope.COVERAGE,
    "dataapi:v1:coverage-modules": Scope.COVERAGE,
    "dataapi:v1:coverage-sectors": Scope.COVERAGE,
    "dataapi:v1:coverage-quarters": Scope.COVERAGE,
    "dataapi:v1:safe-places": Scope.SAFE_PLACES,
    "dataapi:v1:attendance": Scope.ATTENDANCE,
}


def calls(action="api.call"):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- Scopes --------------------------------------------------------------------------------


def test_every_data_endpoint_declares_its_scope():
    assert {route.name for route in data_routes()} == set(SCOPE_OF)


@pytest.mark.parametrize("name", sorted(SCOPE_OF))
def test_a_token_reads_what_its_scope_allows_and_nothing_else(client, make_token, name):
    scope = SCOPE_OF[name]
    _, allowed = make_token(scope)
    _, others = make_token(*[s for s in ALL_SCOPES if s != scope])
    assert call(client, name, allowed).status_code == 200
    refused = call(client, name, others)
    assert refused.status_code == 403
    assert refused.json() == {"detail": authentication.HasScope.message}


def test_a_token_needs_at_least_one_scope():
    token = ApiToken(organisation="Supplier", prefix="scl_x", token_hash="x")
    with pytest.raises(Exception, match="at least one scope"):
        token.full_clean()


# --- Refused tokens: 401 with WWW-Authenticate -------------------------------------------


def assert_unauthorised(response, message=None):
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"].startswith("application/json")
    if message:
        assert response.json() == {"detail": message}


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Token abc", "Bearer scl_00000000_notatoken", "Basic dXNlcjpwYXNz"],
)
def test_no_token_or_an_unknown_one_is_refused(client, make_token, header):
    make_token()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(reverse("dataapi:v1:safe-places"), **extra)
    assert_unauthorised(response)


def test_a_revoked_token_is_refused_from_the_next_call(client, make_token, coordinator):
    row, token = make_token()
    assert call(client, "safe-places", token).status_code == 200
    assert services.revoke_token(row, revoked_by=coordinator)
    assert_unauthorised(call(client, "safe-places", token), authentication.REVOKED)
    assert not services.revoke_token(row, revoked_by=coordinator)  # once only
    assert [e.summary for e in calls("api.token_revoked")] == [
        f"{row.prefix} for Partnership dashboard supplier"
    ]


def test_a_token_works_until_its_expiry_moment_and_not_at_it(client, make_token):
    expires = timezone.now() + datetime.timedelta(days=30)
    _, token = make_token(expires_at=expires)
    with time_machine.travel(expires - datetime.timedelta(microseconds=1), tick=False):
        assert call(client, "safe-places", token).status_code == 200
    with time_machine.travel(expires, tick=False):
        assert_unauthorised(call(client, "safe-places", token), authentication.EXPIRED)
    with time_machine.travel(expires + datetime.timedelta(days=1), tick=False):
        assert_unauthorised(call(client, "safe-places", token), authentication.EXPIRED)


def test_a_signed_in_coordinator_without_a_token_is_refused(client, coordinator):
    sign_in(client, coordinator)
    assert_unauthorised(call(client, "coverage-agencies"))


def test_last_used_is_recorded_whenever_the_token_authenticates(client, make_token):
    row, token = make_token(Scope.SAFE_PLACES)
    call(client, "attendance", token)  # 403: not used for data
    row.refresh_from_db()
    assert row.last_used_at is not None  # it authenticated, so it was used
    first = row.last_used_at
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        call(client, "safe-places", token)
    row.refresh_from_db()
    assert row.last_used_at > first


# --- Hash-only storage ------------------------------------------------------------------


def test_only_a_hash_and_a_prefix_of_the_token_are_stored(make_token):
    row, token = make_token()
    assert token.startswith(row.prefix + "_")
    assert len(token) > 40
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    secret = token[len(row.prefix) + 1 :]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM dataapi_apitoken")
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert secret not in stored
    assert token not in stored
    assert all(secret not in e.summary for e in AuditEvent.objects.all())


def test_every_token_is_different(make_token):
    tokens = {make_token()[1] for _ in range(5)}
    assert len(tokens) == 5
    assert ApiToken.objects.values("prefix").distinct().count() == 5


# --- Rate limit ---------------------------------------------------------------------------


def test_sixty_calls_a_minute_per_token_then_429_with_retry_after(client, make_token):
    limit, period = authentication.DEFAULT_RATE_LIMIT
    assert (limit, period) == (60, 60)
    _, token = make_token(Scope.SAFE_PLACES)
    _, other = make_token(Scope.SAFE_PLACES)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(limit):
            assert call(client, "safe-places", token).status_code == 200
        refused = call(client, "safe-places", token)
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) == period
        assert "detail" in refused.json()
        # Another organisation's token has its own allowance.
        assert call(client, "safe-places", other).status_code == 200
    assert calls()[-2].summary.endswith("-> 429")


def test_the_limit_can_be_set(client, make_token, settings):
    settings.DATAAPI_RATE_LIMIT = (2, 30)
    _, token = make_token(Scope.SAFE_PLACES)
    assert [call(client, "safe-places", token).status_code for _ in range(3)] == [200, 200, 429]
    assert call(client, "safe-places", token)["Retry-After"] == "30"


# --- Audit log ----------------------------------------------------------------------------


def test_every_call_answered_or_refused_is_in_the_audit_log(client, make_token):
    row, token = make_token(Scope.COVERAGE)
    call(client, "coverage-sectors", token)
    call(client, "safe-places", token)  # 403
    call(client, "safe-places")  # 401, no token
    call(client, "safe-places", "scl_deadbeef_unknown")  # 401, unknown
    call(client, "coverage-sectors", token, method="post")  # 405
    call(client, "attendance", token, **{"from": "2026-01", "to": "2026-03"})  # 403
    events = calls()
    who = f"{row.prefix} (Partnership dashboard supplier)"
    assert [e.summary for e in events] == [
        f"{who}: GET /api/v1/coverage/sectors/ -> 200",
        f"{who}: GET /api/v1/safe-places/ -> 403",
        "no token: GET /api/v1/safe-places/ -> 401",
        "unknown token: GET /api/v1/safe-places/ -> 401",
        f"{who}: POST /api/v1/coverage/sectors/ -> 405",
        f"{who}: GET /api/v1/attendance/ [from=2026-01, to=2026-03] -> 403",
    ]
    assert [(e.target_type, e.target_id) for e in events] == [
        ("dataapi.apitoken", str(row.pk)),
        ("dataapi.apitoken", str(row.pk)),
        ("", ""),
        ("", ""),
        ("dataapi.apitoken", str(row.pk)),
        ("dataapi.apitoken", str(row.pk)),
    ]
    assert all(e.actor_id is None for e in events)


def test_a_revoked_token_s_calls_are_logged_against_it(client, make_token, coordinator):
    row, token = make_token()
    services.revoke_token(row, revoked_by=coordinator)
    call(client, "safe-places", token)
    [event] = calls()
    assert event.target_id == str(row.pk)
    assert event.summary.endswith("-> 401")


# --- GET only, no session, no caching --------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "head", "options"])
def test_only_get_is_allowed(client, make_token, method):
    _, token = make_token()
    for route in data_routes():
        response = call(client, path_of(route), token, method=method)
        assert response.status_code == 405, (route.name, method)


def test_responses_are_never_cached_and_set_no_cookie(client, make_token):
    _, token = make_token()
    for route in data_routes():
        response = call(client, path_of(route), token)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert response["Content-Type"] == "application/json"
        assert not response.cookies
    assert call(client, "safe-places")["Cache-Control"] == "no-store"


def test_a_post_needs_no_csrf_token_and_still_changes_nothing(make_token):
    from django.test import Client

    _, token = make_token()
    strict = Client(enforce_csrf_checks=True)
    before = ApiToken.objects.values_list("pk", "last_used_at").count()
    response = strict.post(reverse("dataapi:v1:safe-places"), HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 405
    assert ApiToken.objects.count() == before


# --- The admin: the Training coordinator issues, lists and revokes ----------------------------


def test_the_coordinator_issues_a_token_shown_once(client, coordinator):
    sign_in(client, coordinator)
    assert client.get(reverse("api_tokens:add")).status_code == 200
    response = client.post(
        reverse("api_tokens:add"),
        {
            "organisation": "City Insight Ltd",
            "scope_coverage": "on",
            "scope_attendance": "on",
            "expires_at": "",
        },
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get()
    page = response.content.decode()
    token = page.split("data-dataapi-token>")[1].split("<")[0]
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.scopes == {Scope.COVERAGE, Scope.ATTENDANCE}
    assert row.created_by == coordinator
    assert row.expires_at is None
    # Never shown again: not in the listing.
    listing = client.get(reverse("api_tokens:index"))
    assert listing.status_code == 200
    assert row.prefix in listing.content.decode()
    assert token not in listing.content.decode()
    assert call(client, "coverage-sectors", token).status_code == 200
    [created] = calls("api.token_created")
    assert created.actor == coordinator
    assert token[len(row.prefix) :] not in created.summary


def test_a_token_without_a_scope_or_expiring_in_the_past_is_not_issued(client, coordinator):
    sign_in(client, coordinator)
    response = client.post(
        reverse("api_tokens:add"), {"organisation": "City Insight Ltd", "expires_at": ""}
    )
    assert "Choose at least one scope" in response.content.decode()
    yesterday = timezone.localtime() - datetime.timedelta(days=1)
    response = client.post(
        reverse("api_tokens:add"),
        {
            "organisation": "City Insight Ltd",
            "scope_coverage": "on",
            "expires_at": yesterday.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert "expiry in the future" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_coordinator_revokes_after_confirming(client, coordinator, make_token):
    row, token = make_token()
    sign_in(client, coordinator)
    url = reverse("api_tokens:revoke", args=[row.pk])
    assert url in client.get(reverse("api_tokens:index")).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, revoke this token" in confirm.content.decode()
    row.refresh_from_db()
    assert row.revoked_at is None  # asking is not revoking
    assert client.post(url).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert row.revoked_by == coordinator
    assert call(client, "safe-places", token).status_code == 401
    # A revoked token has no revoke button and stays listed.
    listing = client.get(reverse("api_tokens:index")).content.decode()
    assert url not in listing
    assert "Revoked" in listing


def test_tokens_are_never_edited_or_deleted(client, coordinator, make_token, user_with_role):
    row, _ = make_token()
    for person in (coordinator, user_with_role(Role.TRAINING_COORDINATOR, is_superuser=True)):
        sign_in(client, person)
        for name in ("api_tokens:edit", "api_tokens:delete"):
            response = client.get(reverse(name, args=[row.pk]))
            assert response.status_code in (302, 403), (person, name)
    assert ApiToken.objects.get(pk=row.pk).organisation == row.organisation


@pytest.mark.parametrize(
    "role", [Role.LEARNER, Role.AGENCY_LEAD, Role.SAFE_PLACES_OFFICER, Role.EDITOR, Role.MODERATOR]
)
def test_no_other_role_sees_or_revokes_tokens(client, user_with_role, make_token, role):
    row, token = make_token()
    sign_in(client, user_with_role(role))
    for url in (
        reverse("api_tokens:index"),
        reverse("api_tokens:add"),
        reverse("api_tokens:revoke", args=[row.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url)
        assert row.prefix not in response.content.decode()
    assert client.post(reverse("api_tokens:revoke", args=[row.pk])).status_code in (302, 403)
    row.refresh_from_db()
    assert row.revoked_at is None
    assert call(client, "safe-places", token).status_code == 200


def test_refused_calls_from_one_address_are_limited_and_logged_once_past_the_limit(
    client, make_token
):
    limit, period = authentication.REFUSED_LIMIT
    assert (limit, period) == (20, 60)
    _, valid = make_token(Scope.SAFE_PLACES)
    with time_machine.travel(timezone.now(), tick=False):
        for n in range(limit):
            assert call(client, "safe-places", f"scl_{n:08x}_guess").status_code == 401
        logged = AuditEvent.objects.filter(action="api.call").count()
        refused = call(client, "safe-places", "scl_ffffffff_guess")
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) == period
        assert refused.json()["detail"].startswith(authentication.TOO_MANY_REFUSED)
        assert call(client, "safe-places").status_code == 429  # no token at all: the same
        # The first refusal past the limit is logged; the rest are not.
        assert AuditEvent.objects.filter(action="api.call").count() == logged + 1
        # A caller with a valid token behind the same address is not held back.
        assert call(client, "safe-places", valid).status_code == 200
    # A minute later, refused calls are answered with 401 again.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=period + 1)):
        from django.core.cache import cache

        cache.clear()  # the local-memory cache's clock is not travelled
        assert call(client, "safe-places", "scl_00000000_guess").status_code == 401
