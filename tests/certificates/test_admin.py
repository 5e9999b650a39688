"""The Training Coordinator's certificate tools in the Wagtail admin."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from accounts.roles import Role
from certificates.models import Certificate
from network.factories import AgencyFactory
from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(user_with_role, module, complete_module):
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health")
    people = [
        user_with_role(full_name="Alice Police", agency=police),
        user_with_role(full_name='=HYPERLINK("http://evil")', agency=police),
        user_with_role(full_name="Hana Health", agency=health),
    ]
    return [complete_module(person, module).certificate for person in people], police


@pytest.fixture
def coordinator(client, user_with_role):
    sign_in(client, user_with_role(Role.TRAINING_COORDINATOR))
    return client


def test_coordinator_searches_and_filters(coordinator, issued):
    _, police = issued
    html = coordinator.get(reverse("certificates:index") + "?q=alice").content.decode()
    assert "Alice Police" in html and "Hana Health" not in html
    html = coordinator.get(reverse("certificates:index") + f"?agency={police.pk}").content.decode()
    assert "Alice Police" in html and "Hana Health" not in html


def test_csv_export_matches_the_filter_and_defuses_formulas(coordinator, issued):
    _, police = issued
    response = coordinator.get(reverse("certificates_export_csv") + f"?agency={police.pk}")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Holder", "Module"]
    holders = sorted(row[1] for row in rows[1:])
    assert holders == ['\'=HYPERLINK("http://evil")', "Alice Police"]
    assert all(row[6] == "Police" for row in rows[1:])


def test_zip_export_contains_one_pdf_per_certificate(coordinator, issued):
    certificates, _ = issued
    response = coordinator.get(reverse("certificates_export_zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(f"certificate-{c.number}.pdf" for c in certificates)
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")


def test_revoking_needs_a_reason(coordinator, issued):
    certificate = issued[0][0]
    url = reverse("certificates_revoke", args=[certificate.pk])
    response = coordinator.post(url, {"reason": ""})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    coordinator.post(url, {"reason": "Issued to the wrong person"})
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued to the wrong person"


@pytest.mark.parametrize("role", [Role.LEARNER, Role.EDITOR, Role.AGENCY_LEAD])
def test_other_roles_cannot_see_export_or_revoke(client, user_with_role, issued, role):
    certificate = issued[0][0]
    sign_in(client, user_with_role(role))
    for url in (
        reverse("certificates:index"),
        reverse("certificates_export_csv"),
        reverse("certificates_export_zip"),
        reverse("certificates_revoke", args=[certificate.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(
        reverse("certificates_revoke", args=[certificate.pk]), {"reason": "x"}
    ).status_code in (302, 403)
    assert Certificate.objects.filter(revoked_at__isnull=False).count() == 0


def test_reissue_after_a_name_change_supersedes_with_the_new_name(coordinator, issued):
    certificate = issued[0][0]
    holder = certificate.user
    holder.full_name = "Alice Married-Name"
    holder.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Alice Police"  # unchanged until a reissue

    coordinator.post(reverse("certificates_reissue", args=[certificate.pk]))
    certificate.refresh_from_db()
    new = certificate.superseded_by
    assert new.holder_name == "Alice Married-Name"
    assert (new.issued_at, new.expires_at) == (certificate.issued_at, certificate.expires_at)
    assert new.number != certificate.number


def test_revoking_a_reissued_copy_says_the_original_goes_too(coordinator, issued):
    from certificates.services import reissue_certificate

    original = issued[0][0]
    copy = reissue_certificate(original, by=None)
    url = reverse("certificates_revoke", args=[copy.pk])
    html = coordinator.get(url).content.decode()
    assert f"and for {original.number}, which records the same completion" in html
    coordinator.post(url, {"reason": "Completed by someone else"})
    assert Certificate.objects.filter(pk__in=[original.pk, copy.pk], revoked_at=None).count() == 0
    # Reissuing a revoked certificate is refused with a message, not an error page.
    response = coordinator.post(reverse("certificates_reissue", args=[original.pk]), follow=True)
    assert response.status_code == 200
    assert "A revoked certificate cannot be reissued." in response.content.decode()
    assert Certificate.objects.filter(reissue_of=original).count() == 1


def test_editors_preview_the_certificate_template(client, user_with_role):
    from certificates.models import CertificateTemplate

    from .pdf_tools import pdf_text

    template = CertificateTemplate.load()
    template.title = "Certificate of training"
    template.signatory_name = "Jo Whitfield"
    template.save()
    sign_in(client, user_with_role(Role.EDITOR))
    response = client.get(reverse("certificates_template_preview"))
    text = pdf_text(response.content)
    assert "Certificate of training" in text and "Jo Whitfield" in text
    sign_in(client, user_with_role(Role.LEARNER))
    assert client.get(reverse("certificates_template_preview")).status_code in (302, 403)
