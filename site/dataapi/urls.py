"""The partnership data API. ``api/`` is this app; each version has its own namespace
(``dataapi:v1:…``), which DRF's NamespaceVersioning reads."""

from django.urls import include, path

from . import views

app_name = "dataapi"

v1 = (
    [
        path("coverage/agencies/", views.AgencyCoverageView.as_view(), name="coverage-agencies"),
        path("coverage/modules/", views.ModuleCoverageView.as_view(), name="coverage-modules"),
        path("coverage/sectors/", views.SectorCoverageView.as_view(), name="coverage-sectors"),
        path("coverage/quarters/", views.QuarterCoverageView.as_view(), name="coverage-quarters"),
        path("safe-places/", views.SafePlacesView.as_view(), name="safe-places"),
        path("attendance/", views.AttendanceView.as_view(), name="attendance"),
        path("schema/", views.SchemaView.as_view(), name="schema"),
    ],
    "v1",
)

urlpatterns = [path("v1/", include(v1))]
