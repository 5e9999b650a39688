"""The API's OpenAPI 3 schema: it validates, it lists every path under /api/v1/ and no
other, and every response it documents is what the endpoint returns (on a populated
database for 200; refused calls for the errors)."""

import copy
import json

import pytest
import time_machine
import yaml
from django.core.management import call_command
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate as validate_spec

from dataapi.models import Scope
from tests.courses.coverage_data import NOW

from .conftest import ALL_SCOPES, api_routes, call, path_of
from .data import populate

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"


@pytest.fixture
def spec(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def test_the_schema_is_a_valid_openapi_3_document(spec, tmp_path):
    assert spec["openapi"].startswith("3.")
    validate_spec(spec)
    # drf-spectacular's own validation, failing on any warning (a guessed or missing type).
    call_command(
        "spectacular",
        "--api-version",
        "v1",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )


def test_the_schema_is_served_as_yaml_too_and_needs_no_token(client, spec):
    response = client.get(SCHEMA_URL, {"format": "yaml"})
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "application/vnd.oai.openapi"
    assert yaml.safe_load(response.content) == spec
    assert response["Cache-Control"] == "no-store"


def test_every_path_of_the_api_is_in_the_schema_and_nothing_else(spec):
    served = {path_of(route) for route in api_routes()}
    assert served == set(spec["paths"])
    assert all(path.startswith("/api/v1/") for path in served)
    for path, operations in spec["paths"].items():
        assert set(operations) <= {"get", "parameters"}, path  # read-only


def test_every_data_operation_needs_the_bearer_token(spec):
    assert spec["components"]["securitySchemes"]["bearerToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerToken"]["description"],
    }
    for path, operations in spec["paths"].items():
        if path == SCHEMA_URL:
            continue
        assert operations["get"]["security"] == [{"bearerToken": []}], path
        assert {"200", "401", "403", "429"} <= set(operations["get"]["responses"]), path


def _strict(node):
    """The schema with every object closed (additionalProperties: false), so a field the
    schema does not declare fails validation too."""
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_strict(value) for value in node]
    return node


def assert_matches(spec, path, status, response):
    documented = spec["paths"][path]["get"]["responses"][str(status)]
    [(media_type, content)] = documented["content"].items()
    assert response["Content-Type"].split(";")[0] == media_type, (path, status)
    root = {"allOf": [_strict(content["schema"])], "components": _strict(spec["components"])}
    OAS30Validator(root).validate(response.json())
    # Every property the schema declares is there (none silently missing).
    schema = content["schema"]
    name = schema["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][name]["properties"]) == set(response.json())


@pytest.fixture
def world(catalogue, coordinator):
    return populate(catalogue, coordinator)


def test_every_documented_response_is_what_the_endpoint_returns(
    client, spec, world, make_token, settings
):
    _, token = make_token()
    statuses_seen = set()
    for path, operations in spec["paths"].items():
        if path == SCHEMA_URL:
            continue
        documented = set(operations["get"]["responses"])
        with time_machine.travel(NOW, tick=False):
            ok = call(client, path, token)
        assert ok.status_code == 200, path
        assert ok.json()["results"], path  # populated, so every row shape is checked
        assert_matches(spec, path, 200, ok)
        assert_matches(spec, path, 401, call(client, path))
        scope = {"/api/v1/safe-places/": Scope.SAFE_PLACES, "/api/v1/attendance/": Scope.ATTENDANCE}
        wanted = scope.get(path, Scope.COVERAGE)
        _, other = make_token(*[s for s in ALL_SCOPES if s != wanted])
        assert_matches(spec, path, 403, call(client, path, other))
        if "400" in documented:
            assert_matches(spec, path, 400, call(client, path, token, **{"from": "x", "to": "y"}))
        statuses_seen |= documented
    # 429: one call over a small limit.
    settings.DATAAPI_RATE_LIMIT = (1, 60)
    _, limited = make_token()
    path = "/api/v1/safe-places/"
    assert call(client, path, limited).status_code == 200
    assert_matches(spec, path, 429, call(client, path, limited))
    assert statuses_seen == {"200", "400", "401", "403", "429"}


def test_the_strict_check_catches_an_undeclared_field(spec, client, make_token):
    _, token = make_token()
    response = call(client, "/api/v1/safe-places/", token)
    body = copy.deepcopy(response.json())
    body["results"]["by_status"][0]["email"] = "someone@example.org"
    root = {
        "allOf": [
            _strict(
                spec["paths"]["/api/v1/safe-places/"]["get"]["responses"]["200"]["content"][
                    "application/json"
                ]["schema"]
            )
        ],
        "components": _strict(spec["components"]),
    }
    assert not OAS30Validator(root).is_valid(body)
    assert OAS30Validator(root).is_valid(response.json())
