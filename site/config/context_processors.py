from django.conf import settings

from pages.navigation import service_navigation


def service(request):
    """Names, addresses and navigation every page template needs."""
    return {
        "SERVICE_NAME": settings.SERVICE_NAME,
        "EXIT_THIS_PAGE_URL": settings.EXIT_THIS_PAGE_URL,
        "service_navigation": service_navigation(request),
    }
