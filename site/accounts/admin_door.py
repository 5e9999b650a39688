"""The admin's door for people who may not go in.

Wagtail sends anyone without ``wagtailadmin.access_admin`` to the sign-in page. For someone
already signed in (a learner, a venue contact) the sign-in page sends them straight back, and
the browser goes round in circles. They get the 403 page instead, with a way back.
"""

from django.conf import settings
from django.template.response import TemplateResponse


class AdminDoorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return TemplateResponse(request, "403.html", status=403).render()
        return self.get_response(request)
