"""/.well-known/security.txt (RFC 9116): where to report a vulnerability.

The contact and the expiry date come from settings (``SECURITY_CONTACT``,
``SECURITY_TXT_EXPIRES``); docs/security.md, "Reporting a vulnerability", says the rest.
"""

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def security_txt(request):
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {settings.SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: en",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
