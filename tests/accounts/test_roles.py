"""Each role gets exactly the permissions it needs, and no more."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from accounts.roles import ROLE_PERMISSIONS, Role
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def model_permissions(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def page_permissions(group_name: str) -> set[str]:
    return set(
        GroupPagePermission.objects.filter(
            group__name=group_name, page=Page.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) == {r.value for r in Role}


@pytest.mark.parametrize("role", list(Role))
def test_role_has_exactly_its_model_permissions(role):
    assert model_permissions(role.value) == ROLE_PERMISSIONS[role]


def test_expected_model_permissions_per_role():
    assert model_permissions("Learner") == set()
    assert model_permissions("Agency lead") == {"courses.view_own_agency_coverage"}
    assert model_permissions("Training coordinator") == {
        "wagtailadmin.access_admin",
        "network.add_agency",
        "network.change_agency",
        "network.view_agency",
        "accounts.manage_learners",
        "accounts.view_audit",
        "courses.add_question",
        "courses.view_question",
        "courses.add_questioncategory",
        "courses.view_questioncategory",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        "certificates.export_certificates",
        "courses.view_coverage",
        "courses.add_trainingrequirement",
        "courses.change_trainingrequirement",
        "courses.delete_trainingrequirement",
        "courses.view_trainingrequirement",
        "courses.add_facetofacesession",
        "courses.change_facetofacesession",
        "courses.view_facetofacesession",
        "events.add_trainingcourse",
        "events.change_trainingcourse",
        "events.view_trainingcourse",
        "events.add_session",
        "events.change_session",
        "events.view_session",
        "pages.view_contactmessage",
        "pages.delete_contactmessage",
        "dataapi.add_apitoken",
        "dataapi.view_apitoken",
        "dataapi.revoke_apitoken",
    }
    assert model_permissions("Safe Places officer") == {
        "wagtailadmin.access_admin",
        "network.view_venue",
        "network.change_venue",
        "network.review_venue",
        "network.change_safeplacessettings",
    }
    content = {
        "wagtailadmin.access_admin",
        "pages.add_supportservice",
        "pages.change_supportservice",
        "pages.view_supportservice",
        "glossary.add_glossaryterm",
        "glossary.change_glossaryterm",
        "glossary.view_glossaryterm",
        "courses.add_audience",
        "courses.change_audience",
        "courses.view_audience",
        "courses.add_question",
        "courses.change_question",
        "courses.view_question",
        "courses.add_questioncategory",
        "courses.change_questioncategory",
        "courses.view_questioncategory",
        "courses.add_quiz",
        "courses.change_quiz",
        "courses.view_quiz",
        "scorm.add_scormpackage",
        "scorm.change_scormpackage",
        "scorm.view_scormpackage",
    }
    content |= {"certificates.change_certificatetemplate"}
    assert model_permissions("Editor") == content
    # Only moderators can make a changed helpline number, glossary term, quiz, question or
    # template live.
    assert model_permissions("Moderator") == content | {
        "pages.publish_supportservice",
        "glossary.publish_glossaryterm",
        "courses.publish_question",
        "courses.publish_quiz",
        "certificates.publish_certificatetemplate",
    }


def test_editors_draft_and_moderators_publish():
    assert page_permissions("Editor") == {"add_page", "change_page"}
    assert page_permissions("Moderator") == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    for role in ("Learner", "Agency lead", "Training coordinator", "Safe Places officer"):
        assert page_permissions(role) == set()


def test_default_workflow_is_approved_by_moderators():
    from wagtail.models import GroupApprovalTask, Workflow

    workflow = Workflow.objects.get(active=True)
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderator"]


def test_a_hand_granted_permission_is_removed_on_the_next_migrate():
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    learner = Group.objects.get(name="Learner")
    learner.permissions.add(Permission.objects.get(codename="access_admin"))
    call_command("migrate", verbosity=0)
    assert model_permissions("Learner") == set()


def test_learner_cannot_reach_the_admin(client, user_with_role):
    sign_in(client, user_with_role(Role.LEARNER))
    response = client.get("/admin/")
    assert response.status_code == 403  # the 403 page (tests/accounts/test_admin_door.py)
    assert "You do not have access to this page" in response.content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.EDITOR, Role.MODERATOR, Role.TRAINING_COORDINATOR, Role.SAFE_PLACES_OFFICER],
)
def test_staff_roles_reach_the_admin(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [Role.EDITOR, Role.MODERATOR, Role.SAFE_PLACES_OFFICER])
def test_content_roles_cannot_manage_agencies_learners_or_users(client, user_with_role, role):
    sign_in(client, user_with_role(role))
    agency = AgencyFactory()
    for url in (
        reverse("agencies:index"),
        reverse("agencies:edit", args=[agency.pk]),
        reverse("learners:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == "/admin/", url


def test_coordinator_manages_agencies_and_learners_but_not_users_or_roles(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    learner = user_with_role(Role.LEARNER, full_name="Misfiled Person")
    agency = AgencyFactory(name="Right agency")
    sign_in(client, coordinator)

    assert client.get(reverse("agencies:index")).status_code == 200
    assert client.get(reverse("learners:index")).status_code == 200
    response = client.post(
        reverse("learners:edit", args=[learner.pk]),
        {"full_name": "Misfiled Person", "job_role": "frontline", "agency": agency.pk},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.agency == agency

    for url in (reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index")):
        assert client.get(url).status_code in (302, 403)
    # No adding or deleting people through the learners screen.
    assert client.get("/admin/learners/new/").status_code in (302, 403, 404)
    assert client.get(f"/admin/learners/delete/{learner.pk}/").status_code in (302, 403, 404)
    assert Group.objects.get(name="Learner").user_set.filter(pk=learner.pk).exists()


def test_learner_edit_form_cannot_change_roles_or_admin_status(client, user_with_role):
    coordinator = user_with_role(Role.TRAINING_COORDINATOR)
    learner = user_with_role(Role.LEARNER)
    sign_in(client, coordinator)
    editor_group = Group.objects.get(name="Editor")
    client.post(
        reverse("learners:edit", args=[learner.pk]),
        {
            "full_name": learner.full_name,
            "job_role": "frontline",
            "is_superuser": "on",
            "groups": [editor_group.pk],
        },
    )
    learner.refresh_from_db()
    assert not learner.is_superuser
    assert not learner.groups.filter(name="Editor").exists()


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
