"""The service navigation shown in the header of every public page."""

from django.urls import reverse


def service_navigation(request) -> list[dict]:
    path = request.path
    items = [{"text": "Home", "href": "/"}, {"text": "Modules", "href": "/modules/"}]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        items.append({"text": "Your learning", "href": reverse("courses:dashboard")})
        items.append({"text": "Upcoming training", "href": reverse("events:upcoming")})
        if user.has_perm("courses.view_coverage") or user.has_perm(
            "courses.view_own_agency_coverage"
        ):
            items.append({"text": "Training coverage", "href": reverse("courses:coverage")})
    items.append({"text": "Safe Places", "href": "/safe-places/"})
    items.append({"text": "Get help now", "href": "/get-help/"})
    if user is not None and user.is_authenticated:
        items.append({"text": "Your account", "href": reverse("profile")})
        items.append({"text": "Sign out", "href": reverse("account_logout")})
    else:
        items.append({"text": "Sign in", "href": reverse("account_login")})
        items.append({"text": "Create an account", "href": reverse("account_signup")})
    for item in items:
        href = item["href"]
        item["current"] = path == href  # this very page: aria-current="page"
        item["active"] = item["current"] or (href != "/" and path.startswith(href))  # a section
    return items
