"""The read-only data API (v1): aggregated figures for the partnership's dashboard.

Every call, answered or refused, is written to the audit log (``api.call``) with the
token's prefix and organisation, the path and the status. GET only; no session, so no
CSRF and nothing a signed-in browser could be tricked into; ``Cache-Control: no-store``.
"""

import datetime

from django.utils import timezone
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, versioning
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import describe_filters, record

from . import schema as _schema  # noqa: F401 - registers the token's security scheme
from . import selectors, serializers
from .authentication import (
    BearerTokenAuthentication,
    HasScope,
    TokenRateThrottle,
    count_refusal,
)
from .models import ApiToken, Scope

VERSION = "v1"


class Versioning(versioning.NamespaceVersioning):
    default_version = VERSION
    allowed_versions = (VERSION,)


def _errors(*statuses):
    text = {
        400: "The query is not valid.",
        401: "No token, or an unknown, revoked or expired one.",
        403: "The token does not have this scope.",
        429: "Too many calls with this token; see Retry-After.",
    }
    return {
        status: OpenApiResponse(serializers.ErrorSerializer, description=text[status])
        for status in statuses
    }


class DataView(APIView):
    """GET-only, token-authenticated, scoped, rate-limited and audited."""

    required_scope: str = ""
    serializer_class = None
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [TokenRateThrottle]
    renderer_classes = [JSONRenderer]
    versioning_class = Versioning
    http_method_names = ["get"]

    def initial(self, request, *args, **kwargs):
        try:
            super().initial(request, *args, **kwargs)
        except (exceptions.AuthenticationFailed, exceptions.NotAuthenticated):
            count_refusal(request._request)
            raise

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        if getattr(request._request, "dataapi_quiet", False):
            return response
        token = getattr(request._request, "dataapi_token", None)
        if token is None:
            who = "no token" if not request.META.get("HTTP_AUTHORIZATION") else "unknown token"
        else:
            who = f"{token.prefix} ({token.organisation[:60]})"
        filters = describe_filters(request.GET) if request.GET else ""
        record(
            "api.call",
            target=token if isinstance(token, ApiToken) else None,
            summary=f"{who}: {request.method} {request.path[:80]}"
            + (f" [{filters}]" if filters else "")
            + f" -> {response.status_code}",
            request=request._request,
        )
        return response

    def envelope(self, now, definitions, results) -> Response:
        payload = {
            "version": request_version(self.request),
            "as_at": now,
            "definitions": definitions,
            "results": results,
        }
        return Response(self.serializer_class(payload).data)


def request_version(request) -> str:
    return getattr(request, "version", None) or VERSION


def _coverage_get(serializer_class, operation_id: str, summary: str, description=None):
    """A coverage view's ``get`` (CoverageView.get), with its own OpenAPI description: a new
    function each time, as drf-spectacular keeps the description on the function."""

    def get(self, request):
        return CoverageView.get(self, request)

    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=description,
        responses={
            200: OpenApiResponse(serializer_class, description="The figures."),
            **_errors(401, 403, 429),
        },
    )(get)


class CoverageView(DataView):
    """Coverage figures, today: ``figures(now)`` (one of the selectors), with the written
    definitions of the coverage dashboard."""

    required_scope = Scope.COVERAGE
    figures = None

    def get(self, request):
        now = timezone.now()
        return self.envelope(now, selectors.coverage_definitions(), type(self).figures(now))


class AgencyCoverageView(CoverageView):
    serializer_class = serializers.AgencyCoverageSerializer
    figures = staticmethod(selectors.coverage_by_agency)
    get = _coverage_get(
        serializer_class,
        "coverage_by_agency",
        "Coverage by agency and module",
        "The Training coverage dashboard's agency table, today: one row per active agency "
        "and live module.",
    )


class ModuleCoverageView(CoverageView):
    serializer_class = serializers.ModuleCoverageSerializer
    figures = staticmethod(selectors.coverage_by_module)
    get = _coverage_get(
        serializer_class,
        "coverage_by_module",
        "Coverage by module",
        "Per live module, the agency table's figures over every active agency (the "
        "dashboard's tiles with that module chosen).",
    )


class SectorCoverageView(CoverageView):
    serializer_class = serializers.SectorCoverageSerializer
    figures = staticmethod(selectors.coverage_by_sector)
    get = _coverage_get(
        serializer_class, "coverage_by_sector", "Coverage by sector, and the headline"
    )


class QuarterCoverageView(CoverageView):
    serializer_class = serializers.QuarterCoverageSerializer
    figures = staticmethod(selectors.coverage_by_quarter)
    get = _coverage_get(
        serializer_class,
        "coverage_by_quarter",
        "Coverage by quarter",
        "Closed quarters as their snapshots recorded them (the Board report's figures), and "
        "people trained in each of the last eight quarters counted today.",
    )


class SafePlacesView(DataView):
    required_scope = Scope.SAFE_PLACES
    serializer_class = serializers.SafePlacesSerializer

    @extend_schema(
        operation_id="safe_places_counts",
        summary="Safe Places venues by status and area",
        responses={
            200: OpenApiResponse(serializer_class, description="The figures."),
            **_errors(401, 403, 429),
        },
    )
    def get(self, request):
        return self.envelope(
            timezone.now(), selectors.SAFE_PLACES_DEFINITIONS, selectors.safe_places_counts()
        )


def _month(text: str, name: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise exceptions.ParseError(
            f"Give {name} as a month, YYYY-MM (for example 2026-04)."
        ) from None


def month_range(query, now) -> tuple[datetime.date, datetime.date]:
    given = {key: query.get(key) for key in ("from", "to") if query.get(key)}
    if not given:
        return selectors.default_months(now)
    if len(given) == 1:
        raise exceptions.ParseError("Give both from and to, or neither.")
    first, last = _month(given["from"], "from"), _month(given["to"], "to")
    if first > last:
        raise exceptions.ParseError("from must not be after to.")
    if len(selectors.months_between(first, last)) > selectors.MAX_MONTHS:
        raise exceptions.ParseError(f"Ask for at most {selectors.MAX_MONTHS} months at a time.")
    return first, last


MONTH_PARAMETERS = [
    OpenApiParameter(
        name,
        str,
        OpenApiParameter.QUERY,
        required=False,
        pattern=r"^\d{4}-\d{2}$",
        description=f"{words} month, YYYY-MM (with the other; at most "
        f"{selectors.MAX_MONTHS} months). Without both: the last "
        f"{selectors.DEFAULT_MONTHS} months, this one included.",
    )
    for name, words in (("from", "The first"), ("to", "The last"))
]


class AttendanceView(DataView):
    required_scope = Scope.ATTENDANCE
    serializer_class = serializers.AttendanceSerializer

    @extend_schema(
        operation_id="attendance_by_month",
        summary="Face-to-face attendance per agency and month",
        description="The coverage dashboard's no-show figures per agency, for sessions "
        "starting in each month. Withheld (null, suppressed: true) when fewer than "
        f"{selectors.MIN_ATTENDANCE_GROUP} people were marked.",
        parameters=MONTH_PARAMETERS,
        responses={
            200: OpenApiResponse(serializer_class, description="The figures."),
            **_errors(400, 401, 403, 429),
        },
    )
    def get(self, request):
        now = timezone.now()
        first, last = month_range(request.query_params, now)
        return self.envelope(
            now, selectors.ATTENDANCE_DEFINITIONS, selectors.attendance_by_month(first, last)
        )


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema of this version: public (it describes, it holds no figures),
    JSON by default, YAML with ``?format=yaml``."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    http_method_names = ["get"]
    api_version = VERSION

    @extend_schema(
        operation_id="schema",
        summary="This description (OpenAPI 3), JSON or ?format=yaml",
        auth=[],
        responses={
            (200, OpenApiJsonRenderer.media_type): OpenApiTypes.OBJECT,
            (200, OpenApiYamlRenderer.media_type): OpenApiTypes.OBJECT,
        },
    )
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response
