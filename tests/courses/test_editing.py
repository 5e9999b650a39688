"""Editors write and maintain modules; moderators approve before anything goes live."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.roles import Role
from courses.factories import LessonPageFactory, lesson_body, module_with_lessons
from courses.models import CourseIndexPage, LessonPage, ModulePage
from pages.models import HomePage, StandardPage
from scorm.models import ScormLessonPage
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert ModulePage.allowed_parent_page_models() == [CourseIndexPage]
    # A module holds lessons: written in the editor, or played from a SCORM package.
    assert ModulePage.allowed_subpage_models() == [LessonPage, ScormLessonPage]
    assert ScormLessonPage.allowed_parent_page_models() == [ModulePage]
    assert ScormLessonPage.allowed_subpage_models() == []
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert LessonPage.allowed_subpage_models() == []
    assert StandardPage not in ModulePage.allowed_subpage_models()


def test_a_lesson_must_end_with_sources(module):
    lesson = LessonPage(title="No sources", slug="no-sources", body=lesson_body()[:1])
    with pytest.raises(ValidationError) as error:
        module.add_child(instance=lesson)
    assert "Every lesson must end with a Sources block" in str(error.value)


def test_a_distressing_lesson_needs_a_content_note(module):
    with pytest.raises(ValidationError):
        LessonPageFactory(parent=module, distressing=True, content_note="")


def test_an_editors_change_goes_through_moderation_before_it_is_live(
    client, user_with_role, module
):
    editor, moderator = user_with_role(Role.EDITOR), user_with_role(Role.MODERATOR)
    sign_in(client, editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    post = nested_form_data(
        {
            "title": "Identifying domestic abuse (revised)",
            "slug": module.slug,
            "summary": module.summary,
            "audiences": [],
            "learning_outcomes": streamfield([("outcome", "Recognise coercive control")]),
            "content_note": "",
            "estimated_minutes": 45,
            "cpd_minutes": 45,
            "refresh_months": 36,
            "review_by": "2027-06-01",
            "contact": "",
            "comments": inline_formset([]),
            "action-submit": "Submit to Moderator approval",
        }
    )
    response = client.post(edit_url, post)
    assert response.status_code == 302
    client.get(response["Location"])  # the admin's confirmation message is shown there

    module.refresh_from_db()
    assert module.title == "Identifying domestic abuse"  # still the published version
    assert module.has_unpublished_changes
    assert module.current_workflow_state is not None
    assert "(revised)" not in client.get(module.url).content.decode()

    # The editor cannot publish it themselves.
    client.post(edit_url, {**post, "action-publish": "Publish"})
    module.refresh_from_db()
    assert module.title == "Identifying domestic abuse"

    sign_in(client, moderator)
    task_state = module.current_workflow_state.current_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[module.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    module.refresh_from_db()
    assert module.title == "Identifying domestic abuse (revised)"
    assert "(revised)" in client.get(module.url).content.decode()


def test_review_report_lists_overdue_modules_for_editors_only(client, user_with_role, catalogue):
    overdue = module_with_lessons(
        catalogue, title="Overdue module", review_by=datetime.date(2020, 1, 1)
    )
    module_with_lessons(catalogue, title="Fresh module", review_by=datetime.date(2099, 1, 1))
    sign_in(client, user_with_role(Role.EDITOR))
    html = client.get(reverse("content_due_for_review")).content.decode()
    assert overdue.title in html
    assert "(overdue)" in html
    assert "Fresh module" not in html

    sign_in(client, user_with_role(Role.SAFE_PLACES_OFFICER))
    response = client.get(reverse("content_due_for_review"))
    assert response.status_code in (302, 403)


def test_editors_cannot_reach_accounts_or_agencies(client, user_with_role):
    sign_in(client, user_with_role(Role.EDITOR))
    for url in (reverse("wagtailusers_users:index"), reverse("agencies:index")):
        assert client.get(url).status_code in (302, 403)


def test_home_is_the_only_place_for_the_catalogue(home_page):
    assert CourseIndexPage.can_create_at(home_page)
    assert not CourseIndexPage.can_create_at(Page.get_first_root_node())


@pytest.mark.parametrize("distressing", [False, True])
def test_an_editor_can_preview_a_lesson(rf, client, user_with_role, module, distressing):
    """The editor's live preview (what Wagtail's preview view renders) shows the lesson with
    its module navigation, not a 500, and not the content note in its place."""
    lesson = module.get_children().first().specific
    lesson.distressing = distressing
    lesson.content_note = "Describes coercive control." if distressing else ""
    lesson.title = "A draft title the editor is checking"
    editor = user_with_role(Role.EDITOR)
    sign_in(client, editor)  # a session that has been through the code step
    cookie = client.cookies["sessionid"]
    editor_request = rf.get("/admin/", HTTP_COOKIE=f"sessionid={cookie.value}")
    editor_request.user = editor
    editor_request.session = client.session
    response = lesson.make_preview_request(editor_request, lesson.default_preview_mode)
    response.render()
    assert response.status_code == 200
    html = response.content.decode()
    assert "A draft title the editor is checking" in html
    assert module.title in html  # the breadcrumb back to the module
    assert "content note" not in html.lower() or "Describes coercive control." not in html
