from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path(
        "learning/certificates/<str:number>/",
        views.certificate_detail,
        name="certificate_detail",
    ),
    path(
        "learning/certificates/<str:number>/pdf/",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
]
