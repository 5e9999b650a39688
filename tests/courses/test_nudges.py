"""Nudging the people a "required but missing" drill-down lists.

The coordinator (or an agency lead, for their own agency) presses one button; each person
who must hold the module and does not gets an email with a fixed phrase and a link to the
module, at most once a week per person and module, and every reminder is in the audit log.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, JobRole
from accounts.roles import Role
from courses.selectors.coverage import learners_for_cell
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(nudge_partnership):
    return nudge_partnership


def nudge_url(agency, module):
    return reverse("courses:coverage_nudge", args=[agency.pk, module.pk])


def missing_url(agency, module):
    return reverse("courses:coverage_learners", args=[agency.pk, module.pk]) + "?show=missing"


def test_required_missing_drill_down_lists_only_those_people(data, user_with_role, client):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    rows = learners_for_cell(
        coordinator, data["police"].pk, data["module"].pk, required_missing=True
    )
    assert [row["name"] for row in rows] == ["Missing One", "Missing Two"]

    sign_in(client, coordinator)
    html = client.get(missing_url(data["police"], data["module"])).content.decode()
    assert "Missing One" in html and "Missing Two" in html
    assert "Holder" not in html and "Manager" not in html
    assert 'action="' + nudge_url(data["police"], data["module"]) + '"' in html
    assert "csrfmiddlewaretoken" in html


@override_settings(SITE_URL="https://learning.example.test:8443")
def test_coordinator_nudges_each_person_once_a_week(data, user_with_role, client):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    url = nudge_url(data["police"], data["module"])

    response = client.post(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 people were sent a reminder" in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [data["Missing One"].email, data["Missing Two"].email]
    )
    # The link is built from SITE_URL, never from the host the coordinator's request named.
    module_link = re.compile(re.escape(settings.SITE_URL + data["module"].url) + r"\s")
    for message in mail.outbox:
        text = message.subject + message.body
        assert module_link.search(message.body), message.body
        for secret in ("Missing", "Northshire", "Constabulary", coordinator.full_name):
            assert secret not in text
    events = AuditEvent.objects.filter(action="coverage.nudged")
    assert sorted(int(e.target_id) for e in events) == sorted(
        [data["Missing One"].pk, data["Missing Two"].pk]
    )
    assert all(e.actor_id == coordinator.pk for e in events)

    # A second press the same week sends nothing and says why.
    mail.outbox.clear()
    page = client.post(url, follow=True).content.decode()
    assert mail.outbox == []
    assert "2 people were not sent one because they had a reminder in the last 7 days" in page

    # A minute short of a week: still too soon.
    AuditEvent.objects.filter(action="coverage.nudged").update(
        at=timezone.now() - datetime.timedelta(days=7) + datetime.timedelta(minutes=1)
    )
    client.post(url)
    assert mail.outbox == []

    # A week later they can be reminded again.
    AuditEvent.objects.filter(action="coverage.nudged").update(
        at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    client.post(url)
    assert len(mail.outbox) == 2


def test_one_recently_nudged_person_is_skipped_and_the_rest_are_sent(data, user_with_role, client):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    url = nudge_url(data["police"], data["module"])
    client.post(url)
    mail.outbox.clear()
    AuditEvent.objects.filter(
        action="coverage.nudged", target_id=str(data["Missing Two"].pk)
    ).update(at=timezone.now() - datetime.timedelta(days=8))
    page = client.post(url, follow=True).content.decode()
    assert [m.to for m in mail.outbox] == [[data["Missing Two"].email]]
    assert "1 person was sent a reminder" in page
    assert "1 person was not sent one because they had a reminder in the last 7 days" in page


def test_leads_nudge_only_their_own_agency(data, user_with_role, client):
    lead = user_with_role(Role.AGENCY_LEAD, agency=data["health"])
    sign_in(client, lead)
    assert client.post(nudge_url(data["police"], data["module"])).status_code == 404
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="coverage.nudged").exists()

    police_lead = user_with_role(Role.AGENCY_LEAD, agency=data["police"], job_role=JobRole.MANAGER)
    sign_in(client, police_lead)
    client.post(nudge_url(data["police"], data["module"]))
    assert len(mail.outbox) == 2


def test_learners_cannot_nudge_and_get_is_refused(data, user_with_role, client):
    learner = user_with_role(Role.LEARNER, agency=data["police"])
    sign_in(client, learner)
    assert client.post(nudge_url(data["police"], data["module"])).status_code in (403, 404)
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    assert client.get(nudge_url(data["police"], data["module"])).status_code == 405
    assert mail.outbox == []


def test_nobody_to_nudge_says_so(data, user_with_role, client):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    sign_in(client, coordinator)
    html = client.get(missing_url(data["health"], data["module"])).content.decode()
    assert "Remind these people" not in html
    page = client.post(nudge_url(data["health"], data["module"]), follow=True).content.decode()
    assert "Nobody needed a reminder" in page
    assert mail.outbox == []
