"""Admin URLs and menu item for the coordinator's personal-data screens.

Wagtail only discovers modules named ``wagtail_hooks``: ``accounts/wagtail_hooks.py``
imports this one.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import privacy_views
from .privacy_views import PERMISSION


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("personal-data/", privacy_views.privacy_index, name="privacy_index"),
        path("personal-data/<int:pk>/", privacy_views.privacy_person, name="privacy_person"),
        path(
            "personal-data/<int:pk>/download.json",
            privacy_views.privacy_export_json,
            name="privacy_export_json",
        ),
        path(
            "personal-data/<int:pk>/download-csv.zip",
            privacy_views.privacy_export_csv,
            name="privacy_export_csv",
        ),
        path("personal-data/<int:pk>/erase/", privacy_views.privacy_erase, name="privacy_erase"),
    ]


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return PersonalDataMenuItem(
        "Personal data", reverse("privacy_index"), icon_name="lock", order=315
    )
