from allauth.account.adapter import DefaultAccountAdapter

from . import services
from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        services.fill_signup_profile(
            user,
            full_name=data["full_name"],
            job_role=data.get("job_role", ""),
            agency=services.resolve_signup_agency(data["email"], data.get("agency")),
        )
        if commit:
            user.save()
            services.add_role(user, Role.LEARNER)
        return user
