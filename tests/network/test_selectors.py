import pytest
from django.core.exceptions import ValidationError

from network.factories import AgencyEmailDomainFactory, AgencyFactory
from network.models import AgencyEmailDomain
from network.selectors import active_agencies, agency_for_email, candidate_domains

pytestmark = pytest.mark.django_db


def test_candidate_domains_run_from_most_to_least_specific():
    assert candidate_domains("A.Person@Mail.Southampton.gov.uk") == [
        "mail.southampton.gov.uk",
        "southampton.gov.uk",
        "gov.uk",
    ]
    assert candidate_domains("nobody") == []


def test_exact_and_parent_domains_match():
    police = AgencyEmailDomainFactory(domain="hampshire.police.uk").agency
    assert agency_for_email("pc@hampshire.police.uk") == police
    assert agency_for_email("pc@mail.hampshire.police.uk") == police
    assert agency_for_email("pc@notpolice.uk") is None
    assert agency_for_email("pc@evilhampshire.police.uk") is None


def test_the_most_specific_registered_domain_wins():
    council = AgencyEmailDomainFactory(domain="council.example.org").agency
    school = AgencyEmailDomainFactory(domain="school.council.example.org").agency
    assert agency_for_email("head@school.council.example.org") == school
    assert agency_for_email("clerk@council.example.org") == council


def test_inactive_agencies_are_never_matched_or_offered():
    domain = AgencyEmailDomainFactory(domain="closed.example.org", agency__is_active=False)
    AgencyFactory(name="Open agency")
    assert agency_for_email("x@closed.example.org") is None
    assert list(active_agencies().values_list("name", flat=True)) == ["Open agency"]
    assert domain.agency not in active_agencies()


@pytest.mark.parametrize("domain", ["nhs.net", "gmail.com", "gov.uk"])
def test_shared_domains_cannot_identify_an_agency(domain):
    record = AgencyEmailDomain(agency=AgencyFactory(), domain=domain)
    with pytest.raises(ValidationError):
        record.full_clean()


@pytest.mark.parametrize("domain", ["@example.org", "not a domain", "example", "http://x.org"])
def test_malformed_domains_are_rejected(domain):
    record = AgencyEmailDomain(agency=AgencyFactory(), domain=domain)
    with pytest.raises(ValidationError):
        record.full_clean()
