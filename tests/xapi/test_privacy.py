"""The pseudonym and the statements in subject-access exports and erasure."""

import pytest

from accounts import privacy
from courses import services as learning
from courses.selectors import live_lessons
from xapi.models import LearnerPseudonym, Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(xapi_on, commit, learner, module):
    with commit():
        learning.complete_lesson(learner, live_lessons(module).first())
    return list(Statement.objects.filter(user=learner).order_by("created_at", "key"))


def test_the_export_says_what_the_lrs_was_told_and_by_which_pseudonym(
    recorded, learner, user_with_role
):
    other = user_with_role()
    pseudonym = str(LearnerPseudonym.objects.get(user=learner).pseudonym)
    rows = privacy.export_user_data(learner)["learning_record_store_statements"]
    assert [row["verb"] for row in rows] == ["launched", "progressed"]
    assert {row["known_to_the_lrs_as"] for row in rows} == {pseudonym}
    assert [row["statement"] for row in rows] == [str(row.pk) for row in recorded]
    assert all(row["sent_at"] is None for row in rows)  # the LRS at a closed port
    assert privacy.export_user_data(other)["learning_record_store_statements"] == []


def test_the_export_gives_when_a_statement_was_sent_in_uk_time(recorded, learner):
    import datetime

    sent = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)
    Statement.objects.filter(pk=recorded[0].pk).update(sent_at=sent)
    rows = privacy.export_user_data(learner)["learning_record_store_statements"]
    assert [row["sent_at"] for row in rows] == ["2026-07-01T10:30:00+01:00", None]


def test_erasure_deletes_the_pseudonym_and_every_statement_and_records_no_more(
    recorded, learner, module, commit, user_with_role
):
    other = user_with_role()
    with commit():
        learning.start_module(other, module)
    Statement.objects.filter(pk=recorded[0].pk).update(sent_at=recorded[0].created_at)
    privacy.erase_user(learner, by=None)
    assert not LearnerPseudonym.objects.filter(user=learner).exists()
    assert not Statement.objects.filter(user=learner).exists()  # sent or not
    assert Statement.objects.filter(user=other).count() == 1  # nobody else's
    # Their training record stays (anonymised); nothing more is recorded about them.
    with commit():
        for lesson in live_lessons(module):
            learning.complete_lesson(learner, lesson)
    assert not Statement.objects.filter(user=learner).exists()
    assert not LearnerPseudonym.objects.filter(user=learner).exists()
