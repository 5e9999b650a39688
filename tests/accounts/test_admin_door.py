"""The admin's door: staff go in, everyone else is told plainly they cannot, with a way back."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_a_signed_in_learner_gets_a_403_page_with_a_way_back_not_a_redirect_loop(
    client, user_with_role
):
    sign_in(client, user_with_role(Role.LEARNER))
    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 0  # answered where they asked, no bouncing
    html = response.content.decode()
    assert "<title>You do not have access to this page – Safe City Learning</title>" in html
    assert '<h1 class="govuk-heading-l">You do not have access to this page</h1>' in html
    assert f'href="{reverse("courses:dashboard")}"' in html
    assert "Your learning" in html
    assert 'href="/"' in html
    assert "govuk-error-summary" not in html
    # Every admin address, not only the dashboard.
    assert client.get("/admin/pages/").status_code == 403
    assert client.get("/admin/users/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_and_brought_back(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/" in response["Location"] or "next=%2Fadmin%2F" in response["Location"]


def test_an_editor_reaches_the_admin(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()
