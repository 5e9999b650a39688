"""Finding training: the site navigation, the month filter's edges, the register link."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.roles import Role
from events import selectors
from events.factories import make_session
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_upcoming_training_is_in_the_navigation_for_signed_in_people(client):
    assert reverse("events:upcoming") not in client.get("/accounts/login/").content.decode()
    sign_in(client, UserFactory())
    link = f'class="govuk-service-navigation__link" href="{reverse("events:upcoming")}"'
    page = client.get(reverse("profile")).content.decode()
    assert link + ">Upcoming training</a>" in page
    upcoming = client.get(reverse("events:upcoming")).content.decode()
    assert link + ' aria-current="page"><strong' in upcoming


@time_machine.travel(datetime.datetime(2027, 1, 10, 12, tzinfo=datetime.UTC), tick=False)
def test_the_month_filter_keeps_a_session_at_midnight_on_the_first_in_its_own_month():
    now = timezone.now()
    midnight = timezone.make_aware(datetime.datetime(2027, 3, 1, 0, 0))  # Europe/London
    first_of_march = make_session(start=midnight)
    last_of_february = make_session(start=midnight - datetime.timedelta(minutes=1))
    march = list(selectors.upcoming_sessions(now, month=datetime.date(2027, 3, 1)))
    february = list(selectors.upcoming_sessions(now, month=datetime.date(2027, 2, 1)))
    assert march == [first_of_march]
    assert february == [last_of_february]


def test_filters_work_as_a_plain_get_form(client):
    sign_in(client, UserFactory())
    make_session(capacity=1)
    page = client.get(reverse("events:upcoming"), {"places": "on", "mode": "online"})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<form method="get"' in html and "0 sessions match" in html


def test_the_trainer_and_the_coordinator_see_a_link_to_the_register(client, user_with_role):
    trainer = UserFactory()
    session = make_session(trainer=trainer)
    register = reverse("events:register", args=[session.pk])
    url = reverse("events:session", args=[session.pk])
    for person, shown in [
        (trainer, True),
        (user_with_role(Role.TRAINING_COORDINATOR), True),
        (UserFactory(), False),
        (user_with_role(Role.AGENCY_LEAD), False),
    ]:
        client.logout()
        sign_in(client, person)
        assert (register in client.get(url).content.decode()) is shown, person


def test_upcoming_training_reads_the_same_number_of_queries_for_3_or_30_sessions(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(client, UserFactory())
    counts = []
    for total in (3, 30):
        while selectors.upcoming_sessions(timezone.now()).count() < total:
            make_session(capacity=2)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("events:upcoming")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_no_show_rates_is_one_query(django_assert_num_queries):
    from courses.selectors.coverage import Scope

    with django_assert_num_queries(1):
        selectors.no_show_rates(Scope(None))
