import pytest
from django.urls import reverse

from accounts.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_verified_user_signs_in_and_lands_on_their_account(client, user_with_role):
    user = user_with_role(email="ready@example.org")
    response = login(client, "READY@example.org", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("profile")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_and_unknown_email_get_the_same_message(client, user_with_role):
    user_with_role(email="ready@example.org")
    wrong = login(client, "ready@example.org", "not-the-password").content.decode()
    unknown = login(client, "nobody@example.org", "not-the-password").content.decode()
    message = "The email address and/or password you specified are not correct."
    assert message in wrong
    assert message in unknown
    assert 'value="ready@example.org"' in wrong  # what was typed is kept
    assert "not-the-password" not in wrong


def test_sixth_failed_login_for_one_account_within_five_minutes_is_refused(client, user_with_role):
    user_with_role(email="target@example.org")
    for _ in range(5):
        login(client, "target@example.org", "guess-guess-guess")
    response = login(client, "target@example.org", TEST_PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
