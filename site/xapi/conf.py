"""Settings of the xAPI app, read from ``django.conf.settings`` with their defaults.

Production reads them from the environment (``config.settings.production``):

- ``XAPI_LRS_ENDPOINT``: the LRS's xAPI base address, e.g. ``https://lrs.example.org/xAPI/``.
  Empty (the default): **nothing is recorded and nothing is sent** (see ``enabled``).
- ``XAPI_LRS_USERNAME`` / ``XAPI_LRS_PASSWORD``: HTTP basic authentication for the LRS.
- ``XAPI_TIMEOUT_SECONDS``: connect and read timeout of one request (10 by default).
"""

from django.conf import settings

XAPI_VERSION = "1.0.3"
PLATFORM = "Safe City Learning"
LANGUAGE = "en-GB"


def endpoint() -> str:
    """The LRS base address with one trailing slash, or "" when none is configured."""
    value = (getattr(settings, "XAPI_LRS_ENDPOINT", "") or "").strip()
    return value.rstrip("/") + "/" if value else ""


def enabled() -> bool:
    """Statements are recorded only while an LRS is configured.

    A partnership switching an LRS on later gets statements from that moment, not a backlog:
    a learning trail about named people that is sent nowhere is personal data kept for no
    purpose. The training record itself (enrolments, completions, attempts) is unaffected.
    """
    return bool(endpoint())


def credentials() -> tuple[str, str] | None:
    username = getattr(settings, "XAPI_LRS_USERNAME", "") or ""
    password = getattr(settings, "XAPI_LRS_PASSWORD", "") or ""
    return (username, password) if username else None


def timeout() -> float:
    return float(getattr(settings, "XAPI_TIMEOUT_SECONDS", 10))
