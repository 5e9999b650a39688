"""SCORM lessons in a real browser: each test package is launched, answered, closed,
reopened where the learner left it, completed, and the lesson then shows as done."""

from pathlib import Path

import pytest

from accounts.factories import UserFactory
from scorm.models import ScormRegistration

from .test_learning import sign_in

pytestmark = pytest.mark.e2e

PACKAGES = Path(__file__).parent.parent / "scorm" / "packages"
RIGHT_ANSWER = "Controlling someone's access to money"


@pytest.fixture
def scorm_lessons(settings, tmp_path, demo_data):
    """A SCORM 1.2 and a SCORM 2004 lesson, added to a demo module whose other lessons the
    learner has not done (so the module stays open and each lesson shows as done)."""
    from courses.models import ModulePage
    from scorm.factories import ScormLessonPageFactory, make_package, zip_folder

    settings.MEDIA_ROOT = tmp_path / "media"
    module = ModulePage.objects.live().order_by("path").first()
    lessons = {}
    for name, title in (
        ("scorm12_quiz", "Coercive control (1.2)"),
        ("scorm2004_quiz", "Coercive control (2004)"),
    ):
        package = make_package(zip_folder(PACKAGES / name), title=title)
        lesson = ScormLessonPageFactory(parent=module, package=package, title=title)
        lessons[name] = lesson
    return lessons


@pytest.mark.parametrize("name", ["scorm12_quiz", "scorm2004_quiz"])
def test_launch_answer_close_resume_complete(page, axe, scorm_lessons, name):
    lesson = scorm_lessons[name]
    learner = UserFactory(email="scorm.learner@example.org")
    sign_in(page, learner.email)

    # Launch: the package finds the runtime and starts from the beginning.
    page.goto(lesson.url)
    page.get_by_role("heading", name=lesson.title, level=1).wait_for()
    activity = page.frame_locator(f'iframe[title="{lesson.title}: interactive activity"]')
    activity.get_by_text("Answer the question, then submit it.").wait_for()
    axe(page, f"{name} lesson page")

    # Answer, then save and close.
    activity.get_by_label(RIGHT_ANSWER).check()
    activity.get_by_role("button", name="Save and close").click()
    activity.get_by_text("Saved. You can leave this page.").wait_for()
    registration = ScormRegistration.objects.get(user=learner, lesson=lesson)
    assert registration.cmi["suspend_data"] == "money"
    assert not registration.is_complete
    page.get_by_role("link", name="Modules").first.click()
    page.get_by_role("heading", name="Modules", level=1).wait_for()

    # Reopen: the package resumes with the answer kept.
    page.goto(lesson.url)
    activity.get_by_text("Welcome back. Your answer was kept.").wait_for()
    assert activity.get_by_label(RIGHT_ANSWER).is_checked()
    assert page.get_by_text("You have completed this lesson").count() == 0

    # Complete: the server is told, and the lesson is done.
    activity.get_by_role("button", name="Submit answer").click()
    activity.get_by_text("Correct. You have passed.").wait_for()
    page.get_by_text("You have completed this lesson. Your progress is saved.").wait_for()
    registration.refresh_from_db()
    assert registration.is_complete

    page.reload()
    page.get_by_text("Done", exact=True).first.wait_for()
    page.get_by_text("You have completed this lesson.").first.wait_for()
    contents = page.get_by_role("complementary", name="Lessons in this module")
    assert "Done" in contents.get_by_role("listitem").filter(has_text=lesson.title).inner_text()
    axe(page, f"{name} lesson page, done")
