"""The demo site as ``make run`` builds it: real, published, sourced content, one account per
role. ``load_demo`` runs once for
this module (``shared_demo``); each test is rolled back."""

import pytest
from django.utils.html import strip_tags

from accounts.models import User
from network.models import Agency
from pages.models import ContactPage, HomePage, StandardPage
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_demo_content_is_published_and_real(shared_demo, client):
    home = HomePage.objects.get()
    assert home.live
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"get-help", "accessibility", "privacy", "cookies", "about"} <= slugs
    assert ContactPage.objects.live().filter(slug="contact").exists()  # with the form
    assert 15 <= Agency.objects.count() <= 20
    assert Agency.objects.filter(name="Hampshire and Isle of Wight Constabulary").exists()
    assert Agency.objects.filter(name="Yellow Door", sector="specialist").exists()
    assert len(set(Agency.objects.values_list("sector", flat=True))) >= 8

    response = client.get("/")
    assert response.status_code == 200
    assert "Safe City Learning" in response.content.decode()
    help_page = client.get("/get-help/").content.decode()
    assert "023 8091 7917" in help_page  # PIPPA, as published in the city's strategy
    assert "Sources for this page" in help_page


def test_one_demo_account_per_role_can_sign_in(shared_demo, client):
    from accounts.demo import DEMO_PASSWORD
    from accounts.roles import Role

    for role in Role:
        user = User.objects.get(groups__name=role.value)
        assert client.login(email=user.email, password=DEMO_PASSWORD), role
        client.logout()


def test_demo_has_five_published_modules_each_with_sourced_lessons(shared_demo):
    from courses.models import LessonPage, ModulePage
    from courses.selectors import live_lessons

    modules = list(ModulePage.objects.live().order_by("path"))
    assert [m.title for m in modules] == [
        "Identifying domestic abuse",
        "Asking about abusive behaviour: the principles behind DARE",
        "The Safe and Together model",
        "Harmful practices: FGM, forced marriage and honour-based abuse",
        "Safe Places: responding to violence against women and girls",
    ]
    for module in modules:
        lessons = list(live_lessons(module))
        assert 4 <= len(lessons) <= 7, module.title
        assert module.review_by is not None
        for lesson in lessons:
            assert lesson.body[-1].block_type == "sources", lesson.title
            assert all(s["url"] or s["title"] for s in lesson.body[-1].value["sources"])
            # Real prose, not placeholders.
            words = len(strip_tags(str(lesson.body)).split())
            assert words > 300, lesson.title
            lesson.full_clean()
    assert LessonPage.objects.filter(distressing=True).exclude(content_note="").exists()
    # Each module's quiz draws 12 to 15 questions by topic from a bank of at least 36 live
    # questions that teach through feedback, so a resit shows different questions.
    from courses.models import Question

    for module in modules:
        slots = list(module.quiz.slots.all())
        assert all(slot.topic and slot.question is None for slot in slots), module.title
        assert 12 <= sum(slot.count for slot in slots) <= 15, module.title
        topics = [slot.topic for slot in slots]
        questions = list(Question.objects.filter(live=True, tags__name__in=topics).distinct())
        assert len(questions) >= 36, module.title
        assert all(q.general_feedback for q in questions)
        assert {q.type for q in questions} >= {"single", "multiple", "true_false"}


def test_demo_lessons_render_for_a_learner(shared_demo, client):
    from accounts.models import User
    from courses.models import LessonPage

    sign_in(client, User.objects.get(email="learner@example.org"))
    for lesson in LessonPage.objects.live():
        response = client.get(lesson.url + "?content_note=seen")
        assert response.status_code == 200, lesson.url
        assert "Sources" in response.content.decode()
