"""Partner agencies for the demo site.

Names and roles come from the city's strategies (shared/seeds). Headcounts are
illustrative figures for demonstrating coverage reports, not real staffing numbers.
Southampton City Council services share one email domain, so their staff choose their
service at sign-up instead of being matched automatically.
"""

from .models import Agency, AgencyEmailDomain, Sector

AGENCIES = [
    ("Hampshire and Isle of Wight Constabulary", Sector.POLICE, 1200, ["hampshire.police.uk"]),
    ("Southampton City Council: Children's Social Care", Sector.CHILDRENS_SOCIAL_CARE, 450, []),
    (
        "Southampton City Council: Children's Resource Service",
        Sector.CHILDRENS_SOCIAL_CARE,
        60,
        [],
    ),
    ("Southampton City Council: Adult Social Care", Sector.ADULT_SOCIAL_CARE, 380, []),
    ("Southampton City Council: Housing Needs and Housing Services", Sector.HOUSING, 300, []),
    ("Southampton City Council: IDVA Service", Sector.SPECIALIST, 25, []),
    ("Southampton City Council: Public Health", Sector.HEALTH, 40, []),
    ("Southampton City Council: Youth Offending Service", Sector.CHILDRENS_SOCIAL_CARE, 45, []),
    ("University Hospital Southampton NHS Foundation Trust", Sector.HEALTH, 2000, ["uhs.nhs.uk"]),
    ("Solent NHS Trust", Sector.HEALTH, 900, ["solent.nhs.uk"]),
    ("Southern Health NHS Foundation Trust", Sector.MENTAL_HEALTH, 400, ["southernhealth.nhs.uk"]),
    ("The Hampton Trust", Sector.SPECIALIST, 60, ["hamptontrust.org.uk"]),
    ("Yellow Door", Sector.SPECIALIST, 45, ["yellowdoor.org.uk"]),
    ("PIPPA (Prevention, Intervention and Public Protection Alliance)", Sector.SPECIALIST, 30, []),
    ("Aurora New Dawn", Sector.SPECIALIST, 20, []),
    ("Probation Service: Southampton", Sector.PROBATION, 120, []),
    ("Home Group", Sector.HOUSING, 80, ["homegroup.org.uk"]),
    ("Bitterne Park School", Sector.EDUCATION, 150, []),
    ("Regents Park Community College", Sector.EDUCATION, 120, []),
]


def load_agencies() -> dict[str, Agency]:
    agencies = {}
    for name, sector, headcount, domains in AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            name=name, defaults={"sector": sector, "headcount": headcount, "is_active": True}
        )
        for domain in domains:
            AgencyEmailDomain.objects.update_or_create(domain=domain, defaults={"agency": agency})
        agencies[name] = agency
    return agencies
