import pytest

from accounts.roles import Role

pytestmark = pytest.mark.django_db


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.strip().split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/get-help/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_send_strict_security_headers(client, home_page, url):
    from pages.demo import load_pages

    load_pages()
    response = client.get(url, secure=True)
    assert response.status_code == 200

    hsts = response["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]

    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    nonce = next(v for v in csp["script-src"] if v.startswith("'nonce-"))
    # The only inline script on the page carries the nonce.
    assert f'nonce="{nonce[7:-1]}"' in response.content.decode()


def test_only_the_admin_gets_the_relaxed_policy(client, user_with_role):
    client.force_login(user_with_role(Role.EDITOR))
    csp = csp_directives(client.get("/admin/", secure=True)["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]


def test_signed_in_pages_are_never_cached(client, home_page, user_with_role):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    client.force_login(user_with_role(Role.LEARNER))
    for url in ("/", "/account/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_every_public_page_has_exit_this_page_and_a_skip_link(client, home_page):
    from pages.demo import load_pages

    load_pages()
    for url in ("/", "/get-help/", "/privacy/", "/accounts/login/", "/accounts/signup/"):
        html = client.get(url).content.decode()
        assert 'data-module="govuk-exit-this-page"' in html, url
        assert 'href="https://www.bbc.co.uk/weather"' in html, url
        assert 'class="govuk-skip-link"' in html, url


def test_pages_load_no_third_party_resources(client, home_page):
    html = client.get("/").content.decode()
    for marker in ("googletagmanager", "google-analytics", "fonts.googleapis", "cdn."):
        assert marker not in html
