from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views

from .health import health
from .security_txt import security_txt

urlpatterns = [
    path("health", health, name="health"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    # The admin signs in through allauth (rate limits, lockout, MFA), never its own form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "accounts/confirm-email/<str:key>/",
        account_views.ConfirmEmailView.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/signup/", account_views.SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("certificates.urls")),
    path("learning/", include("courses.urls")),
    path("safe-places/", include("network.urls")),
    path("training/", include("events.urls")),
    path("learning/scorm/", include("scorm.urls")),
    path("badges/", include("badges.urls")),
    path("api/", include("dataapi.urls")),
    # Wagtail images, whatever the storage (a private bucket is read and streamed).
    path("media/", include("config.media")),
    # Wagtail's own front-end sign-in form would skip allauth's lockout, rate limits and MFA.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login_redirect",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
