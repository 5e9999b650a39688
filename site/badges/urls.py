from django.urls import path

from . import views

app_name = "badges"
urlpatterns = [
    path("keys.json", views.public_keys, name="keys"),
    path("issuer", views.issuer, name="issuer"),
    path("status/revocation", views.status_list, name="status_list"),
]
