"""Wagtail's user admin, adapted to a user model with email, full name and agency."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from . import services
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


class ConfirmAgencyMixin:
    """An administrator putting someone in an agency confirms the membership (by them)."""

    def save_instance(self):
        if "agency" in self.form.changed_data:
            services.set_agency_by_coordinator(
                self.form.instance, self.form.cleaned_data.get("agency"), by=self.request.user
            )
        return super().save_instance()


class UserCreateView(ConfirmAgencyMixin, WagtailUserCreateView):
    pass


class UserEditView(ConfirmAgencyMixin, WagtailUserEditView):
    pass


class UserViewSet(WagtailUserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView

    def get_form_class(self, for_update=False):
        return UserChangeForm if for_update else UserCreateForm
