"""Response headers that protect people using the service."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import add_never_cache_headers

from config import admin_csp


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy from settings everywhere; the admin's own policy on the admin.

    ``settings.ADMIN_CONTENT_SECURITY_POLICY`` applies under ``settings.ADMIN_URL_PREFIXES``.
    It allows inline scripts only with the response's nonce, which the inline scripts
    Wagtail writes are given (``config.admin_csp``); docs/security.md says what it still
    allows and why. A page's live preview is rendered by Wagtail through this middleware
    with a request for the page's own URL (``request.is_dummy``); it is shown only inside
    the admin, in an iframe, so it gets the admin's policy too.
    """

    # Synchronous only, so __call__ below (which makes the nonce available to Wagtail's
    # widgets) also runs under ASGI, where Django adapts it.
    async_capable = False

    @staticmethod
    def is_admin(request) -> bool:
        return request.path_info.startswith(settings.ADMIN_URL_PREFIXES) or getattr(
            request, "is_dummy", False
        )

    def __init__(self, get_response):
        super().__init__(get_response)
        admin_csp.install()

    def __call__(self, request):
        if not self.is_admin(request):
            return super().__call__(request)
        # Wagtail's widgets render without the request: they find its nonce here.
        with admin_csp.admin_nonce(lambda: request.csp_nonce):
            return super().__call__(request)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and self.is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
            parts.nonce = str(request.csp_nonce)
        return parts


class PrivacyHeadersMiddleware:
    """Keep signed-in pages out of shared caches and browser history caches.

    Someone else may use the same device later: nothing personal is stored for the
    back button or a proxy to show them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, private, max-age=0"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
