"""/.well-known/security.txt (RFC 9116) tells researchers how to report a vulnerability."""

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db


def fields(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition(": ")
            found[name] = value
    return found


def test_security_txt_gives_the_contact_and_an_expiry_date_from_settings(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@partnership.example"
    settings.SECURITY_TXT_EXPIRES = "2027-03-31T23:00:00Z"
    response = client.get("/.well-known/security.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response.content.decode())
    assert found["Contact"] == "mailto:security@partnership.example"
    assert found["Expires"] == "2027-03-31T23:00:00Z"
    assert found["Preferred-Languages"] == "en"
    assert "Strict-Transport-Security" in response  # the usual headers, like every page


def test_the_configured_expiry_date_is_in_the_future_and_within_a_year(client):
    """RFC 9116: renew the file (SECURITY_TXT_EXPIRES) before it expires."""
    found = fields(client.get("/.well-known/security.txt").content.decode())
    expires = datetime.fromisoformat(found["Expires"].replace("Z", "+00:00"))
    now = datetime.now(UTC)
    assert now < expires, "security.txt has expired: set SECURITY_TXT_EXPIRES to a new date"
    assert expires - now < timedelta(days=400)
    assert found["Contact"].startswith(("mailto:", "https://"))
