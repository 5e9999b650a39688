"""Reading the partner network."""

from django.db.models import QuerySet

from .models import Agency, AgencyEmailDomain


def active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


def candidate_domains(email: str) -> list[str]:
    """The email's domain and each parent domain, most specific first.

    ``a@mail.southampton.gov.uk`` -> ``mail.southampton.gov.uk``, ``southampton.gov.uk``,
    ``gov.uk`` (top-level labels alone are never candidates).
    """
    _, _, domain = email.strip().lower().rpartition("@")
    labels = [label for label in domain.split(".") if label]
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def agency_for_email(email: str) -> Agency | None:
    """The active agency whose registered domain matches the email, most specific first."""
    candidates = candidate_domains(email)
    if not candidates:
        return None
    matches = {
        d.domain: d.agency
        for d in AgencyEmailDomain.objects.filter(
            domain__in=candidates, agency__is_active=True
        ).select_related("agency")
    }
    for domain in candidates:
        if domain in matches:
            return matches[domain]
    return None
