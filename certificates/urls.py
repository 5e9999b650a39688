from django.urls import path

from . import views

# Certificate numbers (SCL-2026-000123) are slugs: anything else, NUL bytes included, is a 404
# before it reaches the database.
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    # Before verify/<code>/, which would otherwise take "credential" as a code.
    path("verify/credential/", views.verify_credential, name="verify_credential"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path(
        "learning/certificates/<slug:number>/",
        views.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "learning/certificates/<slug:number>/pdf/",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path(
        "learning/certificates/<slug:number>/badge/",
        views.certificate_badge,
        name="certificate_badge",
    ),
]
