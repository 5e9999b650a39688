"""What a package commits: status mapping, resume data, and one learner's record only."""

from decimal import Decimal

import pytest

from accounts.factories import UserFactory
from courses.models import Enrolment, LessonCompletion
from scorm import selectors, services
from scorm.models import ScormRegistration

pytestmark = pytest.mark.django_db


def cmi12(status="incomplete", raw="", suspend="", exit_="", location=""):
    return {
        "cmi": {
            "suspend_data": suspend,
            "core": {
                "lesson_status": status,
                "lesson_location": location,
                "exit": exit_,
                "session_time": "00:01:00",
                "score": {"raw": raw, "min": "", "max": "100"},
            },
        }
    }


def cmi2004(completion="incomplete", success="unknown", scaled="", suspend="", exit_=""):
    return {
        "cmi": {
            "completion_status": completion,
            "success_status": success,
            "score": {"scaled": scaled, "raw": ""},
            "suspend_data": suspend,
            "exit": exit_,
            "session_time": "PT1M",
        }
    }


def lesson_done(user, lesson) -> bool:
    return LessonCompletion.objects.filter(enrolment__user=user, lesson=lesson).exists()


# --- Status mapping, both sides of each boundary ------------------------------------------


@pytest.mark.parametrize(
    ("status", "complete"),
    [
        ("passed", True),
        ("completed", True),
        ("failed", False),
        ("incomplete", False),
        ("browsed", False),
        ("not attempted", False),
    ],
)
def test_scorm_12_lesson_status_decides_completion(scorm_lesson, status, complete):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    registration = services.commit(learner, lesson, cmi12(status=status, raw="80"))
    assert registration.is_complete is complete
    assert lesson_done(learner, lesson) is complete
    assert registration.completion_status == status
    assert registration.score_raw == Decimal("80")


@pytest.mark.parametrize(
    ("completion", "success", "complete"),
    [
        ("completed", "passed", True),
        ("completed", "unknown", True),
        ("completed", "failed", False),
        ("incomplete", "passed", False),
        ("unknown", "unknown", False),
    ],
)
def test_scorm_2004_completion_and_success_decide_completion(
    scorm_lesson, completion, success, complete
):
    lesson = scorm_lesson("scorm2004_quiz")
    learner = UserFactory()
    registration = services.commit(
        learner, lesson, cmi2004(completion=completion, success=success, scaled="0.75")
    )
    assert registration.is_complete is complete
    assert lesson_done(learner, lesson) is complete
    assert registration.score_scaled == Decimal("0.75")


def test_the_scorm_lesson_counts_toward_the_module(module, scorm_lesson):
    from courses.services import complete_lesson

    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    for other in module.get_children().live().specific().exclude(pk=lesson.pk):
        complete_lesson(learner, other)
    assert not Enrolment.objects.get(user=learner, module=module).is_complete
    services.commit(learner, lesson, cmi12(status="passed"))
    assert Enrolment.objects.get(user=learner, module=module).is_complete


@pytest.mark.parametrize("scaled", ["1.5", "-2", "abc", "NaN"])
def test_a_score_out_of_range_or_not_a_number_is_not_kept(scorm_lesson, scaled):
    lesson = scorm_lesson("scorm2004_quiz")
    registration = services.commit(UserFactory(), lesson, cmi2004(scaled=scaled))
    assert registration.score_scaled is None


@pytest.mark.parametrize("payload", [{}, {"cmi": "text"}, [], {"core": {}}])
def test_a_commit_without_cmi_data_is_rejected(scorm_lesson, payload):
    with pytest.raises(services.CommitRejected):
        services.commit(UserFactory(), scorm_lesson(), payload)


# --- Resume -------------------------------------------------------------------------------


def test_first_launch_is_ab_initio_with_an_opaque_learner(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory(full_name="Alex Example")
    data = selectors.player_settings(learner, lesson)["data"]["cmi"]
    assert data["core"]["entry"] == "ab-initio"
    assert data["core"]["student_id"] == f"learner-{learner.pk}"
    assert "Alex" not in str(data)


def test_scorm_12_suspended_exit_resumes_with_suspend_data_and_location(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi12(suspend="money", exit_="suspend", location="question-1"))
    data = selectors.player_settings(learner, lesson)["data"]["cmi"]
    assert data["core"]["entry"] == "resume"
    assert data["suspend_data"] == "money"
    assert data["core"]["lesson_location"] == "question-1"
    # Write-only elements are never loaded back.
    assert "exit" not in data["core"]
    assert "session_time" not in data["core"]


def test_scorm_12_normal_exit_does_not_resume(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi12(suspend="money", exit_=""))
    assert selectors.player_settings(learner, lesson)["data"]["cmi"]["core"]["entry"] == ""


def test_scorm_2004_suspended_exit_resumes(scorm_lesson):
    lesson = scorm_lesson("scorm2004_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi2004(suspend="money", exit_="suspend"))
    data = selectors.player_settings(learner, lesson)["data"]["cmi"]
    assert data["entry"] == "resume"
    assert data["suspend_data"] == "money"
    assert "exit" not in data
    services.commit(learner, lesson, cmi2004(suspend="money", exit_="normal"))
    assert selectors.player_settings(learner, lesson)["data"]["cmi"]["entry"] == ""


# --- Double submits, two tabs, stale commits ------------------------------------------------


def test_the_same_commit_twice_leaves_one_record(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi12(status="passed"), load_id="a", sequence=1)
    services.commit(learner, lesson, cmi12(status="passed"), load_id="a", sequence=1)
    assert ScormRegistration.objects.filter(user=learner, lesson=lesson).count() == 1
    assert LessonCompletion.objects.filter(enrolment__user=learner, lesson=lesson).count() == 1


def test_an_older_commit_from_the_same_page_load_is_ignored(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi12(suspend="new"), load_id="a", sequence=2)
    services.commit(learner, lesson, cmi12(suspend="old"), load_id="a", sequence=1)
    assert ScormRegistration.objects.get(user=learner).cmi["suspend_data"] == "new"
    # The next number from the same page load, or any from another load, is saved.
    services.commit(learner, lesson, cmi12(suspend="newer"), load_id="a", sequence=3)
    assert ScormRegistration.objects.get(user=learner).cmi["suspend_data"] == "newer"
    services.commit(learner, lesson, cmi12(suspend="tab 2"), load_id="b", sequence=1)
    assert ScormRegistration.objects.get(user=learner).cmi["suspend_data"] == "tab 2"


def test_a_later_incomplete_commit_never_undoes_completion(scorm_lesson):
    lesson = scorm_lesson("scorm2004_quiz")
    learner = UserFactory()
    done = services.commit(learner, lesson, cmi2004("completed", "passed", scaled="0.9"))
    completed_at = done.completed_at
    # Another tab, opened before the learner finished, saves its older state.
    later = services.commit(learner, lesson, cmi2004("incomplete", "unknown", suspend="x"))
    assert later.completed_at == completed_at
    assert later.completion_status == "completed"
    assert later.success_status == "passed"
    assert later.score_scaled == Decimal("0.9")
    assert later.cmi["suspend_data"] == "x"  # what it saved is kept...
    assert later.cmi["completion_status"] == "completed"  # ...but not the lower status
    assert lesson_done(learner, lesson)


@pytest.mark.parametrize("sequence", [0, -1, "3", 1.5, True, 2**31])
def test_a_sequence_that_is_not_a_positive_whole_number_is_rejected(scorm_lesson, sequence):
    with pytest.raises(services.CommitRejected):
        services.commit(UserFactory(), scorm_lesson(), cmi12(), load_id="a", sequence=sequence)


# --- One learner's record only --------------------------------------------------------------


def test_a_commit_only_touches_the_committing_learner_s_record(scorm_lesson):
    lesson = scorm_lesson("scorm12_quiz")
    alice, bob = UserFactory(), UserFactory()
    services.commit(alice, lesson, cmi12(suspend="alice's answer", exit_="suspend"))
    services.commit(bob, lesson, cmi12(status="passed", suspend="bob's answer"))
    alice_row = ScormRegistration.objects.get(user=alice)
    assert alice_row.cmi["suspend_data"] == "alice's answer"
    assert not alice_row.is_complete
    assert not lesson_done(alice, lesson)
    bob_view = selectors.player_settings(bob, lesson)["data"]["cmi"]
    assert "alice" not in str(bob_view)


# --- Privacy --------------------------------------------------------------------------------


def test_export_includes_and_erasure_deletes_the_runtime_record(scorm_lesson, user_with_role):
    from accounts.privacy import erase_user, export_user_data
    from accounts.roles import Role

    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    services.commit(learner, lesson, cmi12(status="passed", raw="90", suspend="money"))
    rows = export_user_data(learner)["scorm_lessons"]
    assert [row["lesson"] for row in rows] == [lesson.title]
    assert rows[0]["score_raw"] == "90.0000"
    assert "money" in rows[0]["saved_data"]
    erase_user(learner, by=user_with_role(Role.TRAINING_COORDINATOR))
    assert not ScormRegistration.objects.filter(user=learner).exists()


# --- A refresher plays the package afresh ---------------------------------------------------


def test_a_refresher_starts_the_package_afresh_and_needs_it_completed_again(module, scorm_lesson):
    import datetime

    from django.utils import timezone

    from courses.services import complete_lesson

    lesson = scorm_lesson("scorm12_quiz")
    learner = UserFactory()
    for other in module.get_children().live().specific().exclude(pk=lesson.pk):
        complete_lesson(learner, other)
    services.commit(learner, lesson, cmi12(status="passed", raw="90", suspend="page=9"))
    first = Enrolment.objects.get(user=learner, module=module)
    assert first.is_complete

    # In the same round the saved state is what the player gets back.
    assert selectors.player_settings(learner, lesson)["complete"]

    # A year on, the refresher opens a new round of the module.
    year_ago = timezone.now() - datetime.timedelta(days=365)
    Enrolment.objects.filter(pk=first.pk).update(started_at=year_ago, completed_at=year_ago)
    ScormRegistration.objects.filter(user=learner, lesson=lesson).update(completed_at=year_ago)
    refresher = Enrolment.objects.create(user=learner, module=module)

    settings = selectors.player_settings(learner, lesson)
    assert not settings["complete"]
    assert settings["data"]["cmi"]["core"]["entry"] == "ab-initio"
    assert "suspend_data" not in settings["data"]["cmi"]
    # An unfinished commit in the new round does not count last year's pass...
    again = services.commit(learner, lesson, cmi12(status="incomplete", suspend="page=1"))
    assert again.completed_at is None and again.score_raw is None
    assert not LessonCompletion.objects.filter(enrolment=refresher, lesson=lesson).exists()
    # ...and passing again completes the lesson in this round.
    passed = services.commit(learner, lesson, cmi12(status="passed", raw="80"))
    assert passed.completed_at > year_ago and passed.score_raw == Decimal("80")
    assert LessonCompletion.objects.filter(enrolment=refresher, lesson=lesson).exists()
