from allauth.account import views as allauth_views
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import reverse_lazy
from django.views.generic import TemplateView, UpdateView

from . import invitations
from .forms import ProfileForm


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"


class ProfileEditView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile_edit.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, "Your details have been updated.")
        return super().form_valid(form)


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's confirmation, but an expired or used link explains itself on POST too."""

    def post(self, *args, **kwargs):
        try:
            return super().post(*args, **kwargs)
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data())


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, carrying an emailed invitation through (accounts.invitations):
    the invited address filled in and confirmed, and no agency question for venue staff."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["venue_staff"] = invitations.signup_is_for_venue_staff(self.request)
        return kwargs

    def form_valid(self, form):
        invitations.drop_unless(self.request, form.cleaned_data.get("email", ""))
        return super().form_valid(form)
