from django.urls import path

from . import views

urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("details/", views.ProfileEditView.as_view(), name="profile_edit"),
]
