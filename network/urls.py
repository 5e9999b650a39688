from django.urls import path

from . import apply_views, finder_views, manage_views

app_name = "network"

urlpatterns = [
    # Public: no account needed
    path("find/", finder_views.finder, name="finder"),
    path("find/results/", finder_views.finder_results, name="finder_results"),
    path("find/clear/", finder_views.finder_clear, name="finder_clear"),
    path("venues/<slug:slug>/", finder_views.venue, name="venue"),
    path("apply/", apply_views.apply, name="apply"),
    path("apply/received/", apply_views.received, name="apply_received"),
    path("claim/<str:token>/", apply_views.claim, name="claim"),
    # Venue contacts and staff (signed in)
    path("manage/", manage_views.venue_list, name="manage"),
    path("manage/<int:venue_id>/", manage_views.venue_detail, name="manage_venue"),
    path("manage/<int:venue_id>/check/", manage_views.annual_check, name="check"),
    path("manage/<int:venue_id>/edit/", manage_views.edit_listing, name="edit_listing"),
    path("manage/<int:venue_id>/membership-pack.pdf", manage_views.membership_pack, name="pack"),
    path(
        "manage/<int:venue_id>/staff/<int:membership_id>/remove/",
        manage_views.remove_staff,
        name="remove_staff",
    ),
    path("join/<str:token>/", manage_views.join, name="join"),
]
