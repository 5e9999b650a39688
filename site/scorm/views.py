"""The package's files, served to learners with a policy of their own, and the runtime's
commit endpoint."""

import json
import mimetypes
import posixpath

from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from config.ratelimit import allow

from . import selectors, services
from .models import ScormPackage

# A package is the authoring tool's HTML and JavaScript: it needs inline script and style
# (nearly every tool writes them), but nothing else from outside its own files. It may not
# fetch anything (connect-src 'none': no calls to the app's endpoints with the learner's
# cookies), post forms, load plugins or change the base URL, and only this site may frame
# it. The sandbox keeps its origin (the SCORM API is found on the parent window, which
# needs the same origin) but stops it navigating the whole tab or opening pop-ups.
CONTENT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'none'"],
    "worker-src": ["'none'"],
    "form-action": ["'none'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "sandbox": ["allow-scripts", "allow-same-origin", "allow-modals"],
}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".mp3": "audio/mpeg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
}
# SCORM 2004 suspend_data may be 64,000 characters; interactions and objectives add more.
MAX_COMMIT_BYTES = 256 * 1024
COMMITS_PER_MINUTE = 120


def content_type(path: str) -> str:
    extension = posixpath.splitext(path)[1].lower()
    return (
        CONTENT_TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    )


@require_GET
def content(request, package_id: int, path: str):
    """One file of a package, for a signed-in learner who may see a lesson playing it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    package = get_object_or_404(ScormPackage, pk=package_id)
    if not selectors.can_see_package(request.user, package):
        raise Http404("No such package")
    if path not in package.files:  # only the files the checked zip contained
        raise Http404("No such file in the package")
    try:
        handle = default_storage.open(package.content_name(path), "rb")
    except FileNotFoundError:
        raise Http404("No such file in the package") from None
    response = FileResponse(handle, content_type=content_type(path))
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # The package's own policy, and framing by this site, on its files only: a redirect to
    # sign in or a "not found" keeps the site's policy (no framing at all).
    response._csp_config = CONTENT_POLICY  # what django-csp's @csp decorator sets
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _json(status: int, result: bool, error: int = 0, message: str = "") -> JsonResponse:
    body = {"result": result, "errorCode": error}
    if message:
        body["message"] = message
    return JsonResponse(body, status=status)


@csrf_exempt  # checked below: the token may come in a header (XHR) or the body (beacon)
@require_POST
def commit(request, lesson_id: int):
    """Save the signed-in learner's runtime data for a SCORM lesson (scorm-again's
    ``lmsCommitUrl``). The record is always the requester's own: no id of it is taken."""
    if not request.user.is_authenticated:
        return _json(403, False, 101, "Sign in again to save your progress.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    # (Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds a body sent without a length.)
    if length > MAX_COMMIT_BYTES:
        return _json(413, False, 101, "Too much data in one commit.")
    try:
        if request.content_type in ("application/json", "text/plain"):
            if len(request.body) > MAX_COMMIT_BYTES:
                return _json(413, False, 101, "Too much data in one commit.")
            payload = json.loads(request.body.decode("utf-8"))
        else:  # a form post (no JSON body): the commit is in the "commit" field
            payload = json.loads(request.POST.get("commit", ""))
    except (UnicodeDecodeError, ValueError):
        return _json(400, False, 101, "The commit is not readable JSON.")
    if not isinstance(payload, dict):
        return _json(400, False, 101, "The commit is not a JSON object.")
    token = payload.pop("csrfToken", None)
    if token and "HTTP_X_CSRFTOKEN" not in request.META:
        request.META["HTTP_X_CSRFTOKEN"] = str(token)
    refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    if refused is not None:
        return refused
    if not allow(request, f"scorm-commit:{request.user.pk}", COMMITS_PER_MINUTE, 60):
        return _json(429, False, 101, "Too many saves. Wait a minute.")
    lesson = get_object_or_404(selectors.playable_lessons(), pk=lesson_id)
    load_id = payload.pop("loadId", "")
    sequence = payload.pop("commitSequence", None)
    try:
        registration = services.commit(
            request.user,
            lesson,
            payload,
            load_id=load_id if isinstance(load_id, str) else "",
            sequence=sequence,
        )
    except services.CommitRejected as error:
        return _json(400, False, 101, str(error))
    return JsonResponse({"result": True, "errorCode": 0, "complete": registration.is_complete})
