"""The certificate template (wording, signatory, logo) goes through moderation like pages.

An editor's change is a draft that only the sample preview shows; certificates are issued
from the live template until a moderator approves the change.
"""

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates import pdf
from certificates.models import Certificate, CertificateTemplate
from tests.courses.test_moderation import admin_form, approve
from tests.helpers import sign_in

from .pdf_tools import pdf_text

pytestmark = pytest.mark.django_db

VIEW = "wagtailsnippets_certificates_certificatetemplate"
LIVE = "This certifies that the person named has completed the training below."
DRAFT = "This draft wording has not been approved."


@pytest.fixture
def template():
    return CertificateTemplate.load()


def save_template(client, template, action: str, **changes) -> None:
    url = reverse(f"{VIEW}:edit", args=[template.pk])
    data = admin_form(client, url)
    data.update(changes)
    if action:
        data[f"action-{action}"] = action
    response = client.post(url, data)
    assert response.status_code == 302


def test_a_certificate_issued_while_a_template_draft_exists_uses_the_live_wording(
    client, user_with_role, module, complete_module, template
):
    sign_in(client, user_with_role(Role.EDITOR))
    save_template(client, template, "submit", wording=DRAFT, signatory_name="Draft Signer")

    template.refresh_from_db()
    assert template.wording == LIVE and template.has_unpublished_changes
    complete_module(user_with_role(), module)
    certificate = Certificate.objects.get()
    assert certificate.template["wording"] == LIVE
    text = pdf_text(pdf.render(certificate, "http://testserver/verify/x/"))
    assert "This certifies" in text and "draft wording" not in text and "Draft Signer" not in text


def test_the_template_draft_appears_only_in_the_preview(
    client, user_with_role, module, complete_module, template
):
    sign_in(client, user_with_role(Role.EDITOR))
    save_template(client, template, "", wording=DRAFT)
    preview = pdf_text(client.get(reverse("certificates_template_preview")).content)
    assert "draft wording" in preview

    complete_module(user_with_role(), module)
    certificate = Certificate.objects.get()
    assert "draft wording" not in pdf_text(pdf.render(certificate, "http://testserver/v/"))
    learner = certificate.user
    sign_in(client, learner)
    response = client.get(reverse("certificate_pdf", args=[certificate.number]))
    assert "draft wording" not in pdf_text(response.content)


def test_only_a_moderator_publishes_a_template_change(
    client, user_with_role, module, complete_module, template
):
    editor, moderator = user_with_role(Role.EDITOR), user_with_role(Role.MODERATOR)
    assert not editor.has_perm("certificates.publish_certificatetemplate")
    assert moderator.has_perm("certificates.publish_certificatetemplate")
    sign_in(client, editor)
    save_template(client, template, "publish", wording=DRAFT)
    template.refresh_from_db()
    assert template.wording == LIVE  # an editor's "publish" is not a publish

    save_template(client, template, "submit", wording=DRAFT)
    sign_in(client, moderator)
    approve(client, VIEW, template)
    template.refresh_from_db()
    assert template.wording == DRAFT and template.live
    complete_module(user_with_role(), module)
    assert Certificate.objects.get().template["wording"] == DRAFT


def test_editors_find_the_template_under_settings(client, user_with_role, template):
    sign_in(client, user_with_role(Role.EDITOR))
    admin = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Certificate template" in admin
    response = client.get(reverse(f"{VIEW}:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{VIEW}:edit", args=[template.pk])
    # There is one template: nobody adds a second.
    response = client.get(reverse(f"{VIEW}:add"))
    assert response.status_code in (302, 403)
    assert CertificateTemplate.objects.count() == 1


def test_the_existing_template_becomes_live_with_a_first_revision(template):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("certificates.migrations.0002_moderated_template")
    CertificateTemplate.objects.all().delete()
    CertificateTemplate.objects.create(wording="Our own wording.", latest_revision=None)

    migration.forwards(apps, None)

    template = CertificateTemplate.objects.get()
    assert template.live and template.live_revision_id == template.latest_revision_id
    assert template.live_revision.as_object().wording == "Our own wording."
    assert template.get_workflow().name == "Moderator approval"
