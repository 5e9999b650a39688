"""Requests no browser sends are refused with a 400 page that says what went wrong.

* A NUL byte (``\\x00``) in the address, the query string, or a form's field names, values
  or upload file names. PostgreSQL cannot store it in text, and it is a common trick for
  cutting strings short; nobody types one. The request is refused before any view runs.
* JSON that cannot be read, in a field or a request body (the admin's rich text editor
  sends its content as JSON). A view that parses it raises ``json.JSONDecodeError``; that
  becomes the same 400 page instead of a server error.

The page is ``400.html`` with the reason in a GOV.UK error summary. Nothing that was sent
is echoed back.
"""

import json
import logging

from django.template.response import TemplateResponse

logger = logging.getLogger("safecity.badinput")

NUL = "\x00"
NUL_MESSAGE = (
    "What you sent contains a character that cannot be used (a hidden “null” character). "
    "Go back, type it in again rather than pasting it, and try once more."
)
JSON_MESSAGE = (
    "Some of the information sent could not be read. Go back, reload the page and try again."
)


def refuse(request, message: str) -> TemplateResponse:
    response = TemplateResponse(request, "400.html", {"problem": message}, status=400)
    response["Cache-Control"] = "no-store"
    return response


def _has_nul(query) -> bool:
    for key, values in query.lists():
        if NUL in key or any(isinstance(value, str) and NUL in value for value in values):
            return True
    return False


def has_nul(request) -> bool:
    if NUL in request.path or NUL in request.path_info:
        return True
    if _has_nul(request.GET):
        return True
    if request.method == "POST":
        if _has_nul(request.POST):
            return True
        for key, files in request.FILES.lists():
            if NUL in key or any(NUL in (upload.name or "") for upload in files):
                return True
    return False


class BadInputMiddleware:
    """Place after the authentication, message and security-header middleware, so the 400
    page has the service's layout and headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            logger.info("Refused a request with a NUL byte: %s %s", request.method, request.path)
            return refuse(request, NUL_MESSAGE).render()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, json.JSONDecodeError):
            logger.warning("Refused malformed JSON: %s %s", request.method, request.path)
            return refuse(request, JSON_MESSAGE).render()
        return None
