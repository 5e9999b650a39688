"""drf-spectacular additions: the bearer token as the security scheme, and only this API's
paths in its schema (other DRF views elsewhere in the site never leak into it)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PREFIX = "/api/v1/"


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "dataapi.authentication.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued to your organisation by the Training coordinator.",
        }


def only_this_api(endpoints, **kwargs):
    """PREPROCESSING_HOOKS: keep the endpoints under /api/v1/ only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
