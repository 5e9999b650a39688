import pytest
from django.urls import reverse

from accounts.roles import Role
from dataapi import services
from dataapi.models import Scope
from tests.config.urlconf import routes

ALL_SCOPES = tuple(Scope.values)


@pytest.fixture
def coordinator(user_with_role):
    return user_with_role(Role.TRAINING_COORDINATOR)


@pytest.fixture
def make_token(coordinator):
    """``make_token(*scopes, **kwargs)`` -> (row, token); every scope when none is given."""

    def make(*scopes, organisation="Partnership dashboard supplier", **kwargs):
        return services.create_token(
            organisation=organisation,
            scopes=scopes or ALL_SCOPES,
            created_by=coordinator,
            **kwargs,
        )

    return make


def call(client, name_or_path: str, token: str | None = None, method: str = "get", **query):
    if name_or_path.startswith("/"):
        path = name_or_path
    else:
        name = name_or_path if ":" in name_or_path else f"dataapi:v1:{name_or_path}"
        path = reverse(name)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(path, query or None, **headers)


def api_routes() -> list:
    """Every URL pattern of the API from the URL conf (so a new endpoint is covered)."""
    return [route for route in routes() if route.route.startswith("api/")]


def data_routes() -> list:
    """Every data endpoint: the API's routes except the schema."""
    return [route for route in api_routes() if not route.name.endswith(":schema")]


def path_of(route) -> str:
    return "/" + route.route.replace("^", "")
