"""Wagtail's user admin, adapted to a user model with email, full name and agency."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import User

PROFILE_FIELDS = ["email", "full_name", "job_role", "agency", "is_superuser", "groups"]


class ProfileFieldsMixin(forms.ModelForm):
    first_name = None
    last_name = None


class UserCreateForm(ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = PROFILE_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserChangeForm(ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*PROFILE_FIELDS, "is_active"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserChangeForm if for_update else UserCreateForm
