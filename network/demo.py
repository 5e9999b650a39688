"""Partner agencies and the Safe Places scheme for the demo site.

Names and roles come from the city's strategies (shared/seeds). Headcounts are
illustrative figures for demonstrating coverage reports, not real staffing numbers.
Southampton City Council services share one email domain, so their staff choose their
service at sign-up instead of being matched automatically.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .geocoding import FakeGeocoder
from .models import (
    Agency,
    AgencyEmailDomain,
    SafePlacesSettings,
    Sector,
    Venue,
    VenueHours,
    VenueMembership,
    VenueRole,
    VenueStatus,
    VenueType,
)

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


# --- Safe Places ------------------------------------------------------------------------------
#
# The scheme's public pages state only what the city's strategies say about the network
# (shared/seeds) and the scheme's own rules. The venues, their staff and contacts are
# fictional, named "Demo: ...", and are only created where demo accounts are enabled: a
# made-up Safe Place must never appear in a real finder, where someone in danger might go
# looking for it.

SAFE_PLACES_STRATEGY = (
    "Southampton Domestic Abuse and Violence Against Women and Girls Strategy 2023–2028, "
    "Southampton City Council: the Safe Places network launched in 2022; more organisations "
    "and businesses to be encouraged to join it and trained to respond to VAWG; the link "
    "between VAWG and the night-time economy"
)
EVERYONES_BUSINESS = (
    "Southampton Against Domestic and Sexual Abuse: Multi Agency Strategy 2017–20, Southampton "
    "Safe City Partnership, and Southampton's multi-agency Domestic Violence and Abuse plan "
    "(key actions 2015/16): ending abuse as everyone's business, seeking help within daily "
    "lives, and involving businesses and communities"
)
SCHEME_RULES = (
    "The Safe Places scheme's conditions of membership and commitments, as set out in the "
    "application form on this site and in the Safe Places training module"
)
SILENT_SOLUTION = "Silent Solution: Independent Office for Police Conduct, policeconduct.gov.uk"


def _list(*items: str, ordered: bool = False) -> tuple:
    from wagtail.rich_text import RichText

    tag = "ol" if ordered else "ul"
    listed = "".join(f"<li>{item}</li>" for item in items)
    return ("paragraph", RichText(f"<{tag}>{listed}</{tag}>"))


COMMITMENTS = (
    "<b>welcome</b> anyone who comes in and asks for help",
    "<b>call 999</b> in an emergency",
    "<b>let them wait</b> somewhere safe until they are safe to leave",
    "<b>keep it confidential</b>: only share what they are told with people who need to know",
)


def _scheme_page(services: dict) -> dict:
    from pages.demo import get_help, heading, p, sources

    return {
        "title": "Safe Places",
        "slug": "safe-places",
        "intro": (
            "Shops, pubs, cafés, pharmacies, libraries and other places in Southampton where "
            "you can go in and ask for help if you feel unsafe."
        ),
        "body": [
            p(
                "A Safe Place is a business or organisation open to the public whose staff "
                "have agreed to help anyone who comes in because they feel unsafe: for "
                "example, because they are being followed, harassed or threatened. You do "
                "not need to buy anything or explain why. Look for the Safe Place sticker in "
                "the window, or use the finder to see which Safe Places are open near you.",
            ),
            heading("What a Safe Place will do"),
            p("Every Safe Place has agreed to:"),
            _list(*COMMITMENTS),
            p(
                "At least one member of staff at every listed Safe Place has taken the "
                "partnership's Safe Places training, and each listing is checked every year. "
                "A venue leaves the finder when its training or its annual check runs out.",
            ),
            heading("Why the city has Safe Places"),
            p(
                "Southampton launched its Safe Places network in 2022. The city's domestic "
                "abuse and VAWG strategy for 2023 to 2028 commits to encouraging more "
                "organisations and businesses to join, and says those that do will be trained "
                "to respond appropriately to violence against women and girls.",
                "The same strategy finds that violence against women and girls is linked with "
                "the night-time economy: incidents cluster in parts of the city centre where "
                "many night-time venues are, and peak late at night and at weekends. That is "
                "why the finder lets you see just the places that are open now.",
                "For years the city's partners have said that ending domestic and sexual abuse "
                "is everyone's business: that people should be able to seek help within their "
                "daily lives, and that businesses and communities should be involved in "
                "tackling abuse. Safe Places are one way of doing that.",
            ),
            get_help(
                "If you need help",
                "emergency-999",
                "police-101",
                "pippa",
                "national-da-helpline",
                services=services,
            ),
            sources(
                SAFE_PLACES_STRATEGY,
                EVERYONES_BUSINESS,
                SCHEME_RULES,
                f"{SILENT_SOLUTION}; PIPPA and 101 as published in the city's strategy and by "
                "police.uk",
                "National Domestic Abuse Helpline, nationaldahelpline.org.uk",
            ),
        ],
    }


def _scheme_children(services: dict) -> list[dict]:
    from pages.demo import get_help, heading, p, sources

    return [
        {
            "title": "How to join",
            "slug": "how-to-join",
            "intro": (
                "Any business or organisation in Southampton that is open to the public can "
                "apply to become a Safe Place."
            ),
            "body": [
                heading("Who can join"),
                p("To join, your business or organisation must:"),
                _list(
                    "be open to the public",
                    "hold public liability insurance that is in date",
                    "have a quiet place where someone can wait",
                    "agree to the Safe Places commitments",
                ),
                heading("The commitments"),
                p("As a Safe Place, your staff will:"),
                _list(*COMMITMENTS),
                p(
                    "Your staff never have to put themselves in danger, and they are not "
                    "expected to be counsellors or investigators.",
                ),
                heading("How to apply"),
                _list(
                    '<a href="/safe-places/apply/">Fill in the application form</a>. You need '
                    "your address, your opening hours, your accessibility features and the "
                    "name of the person who will lead Safe Places for you.",
                    "The person who applies becomes your venue's contact. They get an account "
                    "to manage your listing and to invite staff.",
                    "Invite your staff to take the free Safe Places training module online. It "
                    "takes about 30 minutes and each certificate lasts 12 months.",
                    "A Safe Places officer reviews your application. They can approve it once "
                    "enough of your staff hold an in-date certificate: at least one, unless "
                    "the scheme has set a higher number.",
                    "Once approved, your venue appears in the public finder and your contact "
                    "can download your membership pack: a window sticker and a certificate of "
                    "membership.",
                    ordered=True,
                ),
                heading("Staying a Safe Place"),
                p(
                    "Once a year we will ask your contact to confirm that your details are "
                    "still right. We send a reminder by email 30 days before, and on the day.",
                    "Your listing lapses, and your venue leaves the finder, if your details are "
                    "not confirmed in time or if no one at your venue holds an in-date "
                    "certificate. When staff leave, invite new staff to take the training.",
                ),
                ("button", {"text": "Apply to join", "page": None, "url": "/safe-places/apply/"}),
                sources(
                    SAFE_PLACES_STRATEGY,
                    SCHEME_RULES,
                    "Safe Places: responding to violence against women and girls, the "
                    "partnership's training module (time to complete and refresher period)",
                ),
            ],
        },
        {
            "title": "What to expect",
            "slug": "what-to-expect",
            "intro": "What happens when you go into a Safe Place because you feel unsafe.",
            "body": [
                (
                    "warning_text",
                    {"text": "If you are in immediate danger, call 999 and ask for the police."},
                ),
                p(
                    "You can go into any Safe Place during its opening hours. You do not have "
                    "to buy anything, and you do not have to explain what has happened. Tell a "
                    "member of staff that you feel unsafe or need help.",
                ),
                heading("What staff will do"),
                _list(
                    "welcome you and believe you",
                    "let you wait somewhere safe, away from the door if you like, until a "
                    "friend, a taxi or the police arrive, or until you feel ready to leave",
                    "call 999 if you are in immediate danger, or help you to call",
                    "keep what you tell them confidential, sharing it only with people who "
                    "need to know, such as the police",
                    "tell you about services that can help, if you want them to",
                ),
                heading("What staff will not do"),
                p(
                    "Staff will not ask you to prove anything, and they will not go after the "
                    "person who made you feel unsafe. They are not counsellors, but they can "
                    "tell you where to find support.",
                ),
                heading("If you cannot speak"),
                p(
                    "If you call 999 from a mobile and cannot speak, listen to the operator "
                    "and press 55 when asked. This is the police Silent Solution: it tells "
                    "them the call is genuine.",
                ),
                get_help(
                    "Support in Southampton and nationally",
                    "pippa",
                    "yellow-door",
                    "national-da-helpline",
                    services=services,
                ),
                sources(
                    SCHEME_RULES,
                    SILENT_SOLUTION,
                    "PIPPA helpline and Yellow Door: "
                    "Southampton Domestic Abuse and VAWG Strategy 2023–2028",
                    "National Domestic Abuse Helpline, nationaldahelpline.org.uk",
                ),
            ],
        },
    ]


def load_safe_places_pages(home, services: dict):
    """The scheme's landing page (/safe-places/) and its two guides, where missing."""
    from pages.demo import CHECKED
    from pages.models import StandardPage

    from .models import SafePlacesPage

    page = SafePlacesPage.objects.first()
    if page is None:
        spec = _scheme_page(services)
        page = SafePlacesPage(**spec)
        home.add_child(instance=page)
        page.save_revision().publish()
    for spec in _scheme_children(services):
        if page.get_children().filter(slug=spec["slug"]).exists():
            continue
        child = StandardPage(**spec, last_reviewed=CHECKED)
        page.add_child(instance=child)
        child.save_revision().publish()
    return page


def _hours(opens: str, closes: str, overnight: bool = False) -> tuple:
    return (datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes), overnight)


WEEKDAYS_9_TO_530 = {day: _hours("09:00", "17:30") for day in range(6)}  # Monday to Saturday

# Fictional venues on real streets, so the finder's distances look right. ``hours`` is
# {weekday: (opens, closes, overnight)}, a missing or None day is closed. Approved venues
# get one trained member of staff (``staff_name``); the others are still being reviewed.
DEMO_VENUES = [
    {
        "name": "Demo: Bargate Books",
        "slug": "demo-bargate-books",
        "venue_type": VenueType.SHOP,
        "address_line_1": "1 Demo Arcade, Above Bar Street",
        "postcode": "SO14 7DU",
        "access": {"step_free": True, "hearing_loop": True},
        "closed_on_bank_holidays": False,
        "hours": {**WEEKDAYS_9_TO_530, 6: None},  # closed on Sundays
        "status": VenueStatus.APPROVED,
        "lead_name": "Robin Hale",
        "staff_count": 6,
        "staff_name": "Amira Khan",
    },
    {
        "name": "Demo: The Night Owl",
        "slug": "demo-the-night-owl",
        "venue_type": VenueType.PUB_BAR,
        "address_line_1": "2 Demo Yard, Bedford Place",
        "postcode": "SO15 2DB",
        "access": {"quiet_space": True, "accessible_toilet": True},
        "closed_on_bank_holidays": False,
        # Open late: Thursday to Saturday until 2am the next morning.
        "hours": {
            0: _hours("16:00", "23:30"),
            1: _hours("16:00", "23:30"),
            2: _hours("16:00", "23:30"),
            3: _hours("16:00", "02:00", overnight=True),
            4: _hours("16:00", "02:00", overnight=True),
            5: _hours("12:00", "02:00", overnight=True),
            6: _hours("12:00", "22:30"),
        },
        "status": VenueStatus.APPROVED,
        "lead_name": "Sean Doyle",
        "staff_count": 14,
        "staff_name": "Tom Bell",
    },
    {
        "name": "Demo: Portswood Pharmacy",
        "slug": "demo-portswood-pharmacy",
        "venue_type": VenueType.PHARMACY,
        "address_line_1": "3 Demo Parade, Portswood Road",
        "postcode": "SO17 2FW",
        "access": {"step_free": True, "quiet_space": True},
        "closed_on_bank_holidays": True,
        "hours": {
            **{day: _hours("08:30", "18:30") for day in range(5)},
            5: _hours("09:00", "17:00"),
            6: _hours("10:00", "16:00"),
        },
        "status": VenueStatus.APPROVED,
        "lead_name": "Nadia Rahman",
        "staff_count": 5,
        "staff_name": "Lucy Grant",
    },
    {
        "name": "Demo: Shirley Community Library",
        "slug": "demo-shirley-community-library",
        "venue_type": VenueType.LIBRARY,
        "address_line_1": "4 Demo Walk, Shirley High Street",
        "postcode": "SO15 3NP",
        "access": {
            "step_free": True,
            "accessible_toilet": True,
            "quiet_space": True,
            "hearing_loop": True,
        },
        "closed_on_bank_holidays": True,
        "hours": {
            0: None,
            1: _hours("09:30", "17:00"),
            2: _hours("09:30", "19:00"),
            3: _hours("09:30", "17:00"),
            4: _hours("09:30", "17:00"),
            5: _hours("10:00", "16:00"),
            6: None,
        },
        "status": VenueStatus.APPROVED,
        "lead_name": "Grace Adeyemi",
        "staff_count": 9,
        "staff_name": "Dev Patel",
    },
    {
        "name": "Demo: Station Corner Café",
        "slug": "demo-station-corner-cafe",
        "venue_type": VenueType.CAFE_RESTAURANT,
        "address_line_1": "5 Demo Row, Blechynden Terrace",
        "postcode": "SO15 1AL",
        "access": {"step_free": True},
        "closed_on_bank_holidays": False,
        "hours": {day: _hours("07:00", "19:00") for day in range(7)},
        "status": VenueStatus.SUBMITTED,
        "lead_name": "Marco Bianchi",
        "staff_count": 4,
        "staff_name": None,
    },
    {
        "name": "Demo: St Mary's Community Centre",
        "slug": "demo-st-marys-community-centre",
        "venue_type": VenueType.COMMUNITY_CENTRE,
        "address_line_1": "6 Demo Street, St Mary's",
        "postcode": "SO14 1NR",
        "access": {"step_free": True, "accessible_toilet": True, "hearing_loop": True},
        "closed_on_bank_holidays": True,
        "hours": {**{day: _hours("09:00", "21:00") for day in range(5)}, 5: None, 6: None},
        "status": VenueStatus.UNDER_REVIEW,
        "lead_name": "Helen Okoro",
        "staff_count": 12,
        "staff_name": None,
    },
]
# This venue's contact is a demo account that can sign in (README: demo accounts).
DEMO_CONTACT_EMAIL = "venue.contact@example.org"
DEMO_CONTACT_VENUE = "demo-bargate-books"


def load_safe_places(home, catalogue, services: dict, now=None) -> list[Venue]:
    """The scheme's pages and settings; outside production, fictional demo venues.

    Only adds what is missing, so running it again changes nothing. Dates are set relative
    to the first run: staff trained 60 days earlier, venues approved a week or two later,
    their annual checks due a year after approval.
    """
    from courses import demo_content

    load_safe_places_pages(home, services)
    module = (
        catalogue.get_children()
        .filter(slug=demo_content.module("safe_places")["slug"])
        .specific()
        .first()
    )
    config = SafePlacesSettings.load()
    if config.module_id is None and module is not None:
        config.module = module
        config.minimum_trained_staff = 1
        config.save()
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False) or module is None:
        return []
    now = now or timezone.now()
    trained_at = (now - datetime.timedelta(days=60)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return [_load_venue(spec, index, module, trained_at) for index, spec in enumerate(DEMO_VENUES)]


def _load_venue(spec: dict, index: int, module, trained_at) -> Venue:
    from .selectors import next_check_date
    from .services import address_key

    submitted_at = trained_at - datetime.timedelta(days=10 - index)
    approved = spec["status"] == VenueStatus.APPROVED
    approved_at = trained_at + datetime.timedelta(days=7 + 3 * index) if approved else None
    slug = spec["slug"]
    contact_email = (
        DEMO_CONTACT_EMAIL if slug == DEMO_CONTACT_VENUE else f"contact.{slug}@example.org"
    )
    venue = Venue.objects.filter(slug=slug).first()
    if venue is None:
        point = FakeGeocoder().postcode(spec["postcode"])
        venue = Venue.objects.create(
            name=spec["name"],
            slug=slug,
            venue_type=spec["venue_type"],
            address_line_1=spec["address_line_1"],
            town="Southampton",
            postcode=spec["postcode"],
            **spec["access"],
            closed_on_bank_holidays=spec["closed_on_bank_holidays"],
            latitude=point.latitude,
            longitude=point.longitude,
            located_by="geocoder",
            lead_name=spec["lead_name"],
            contact_email=contact_email,
            contact_phone="07700 900" + f"{100 + index}",  # Ofcom's range for drama
            staff_count=spec["staff_count"],
            address_key=address_key(spec["address_line_1"], spec["postcode"]),
            status=spec["status"],
            submitted_at=submitted_at,
            approved_at=approved_at,
            next_check_due=next_check_date(timezone.localdate(approved_at)) if approved else None,
            last_confirmed_at=approved_at,
        )
        VenueHours.objects.bulk_create(
            VenueHours(venue=venue, weekday=day, closed=True)
            if spec["hours"].get(day) is None
            else VenueHours(
                venue=venue,
                weekday=day,
                opens=spec["hours"][day][0],
                closes=spec["hours"][day][1],
                overnight=spec["hours"][day][2],
            )
            for day in range(7)
        )

    contact = _demo_user(
        contact_email, spec["lead_name"], can_sign_in=contact_email == DEMO_CONTACT_EMAIL
    )
    VenueMembership.objects.get_or_create(
        venue=venue,
        user=contact,
        defaults={"role": VenueRole.CONTACT, "joined_at": submitted_at},
    )
    if spec["staff_name"]:
        staff = _demo_user(f"staff.{slug}@example.org", spec["staff_name"], can_sign_in=False)
        VenueMembership.objects.get_or_create(
            venue=venue,
            user=staff,
            defaults={"role": VenueRole.STAFF, "joined_at": submitted_at},
        )
        _certify(staff, module, trained_at)
    return venue


def _demo_user(email: str, full_name: str, can_sign_in: bool):
    """A venue person. Only the documented demo contact has a password; the rest cannot
    sign in. No roles: venue contacts and staff manage their venue through memberships."""
    from allauth.account.models import EmailAddress

    from accounts.demo import DEMO_PASSWORD
    from accounts.models import JobRole, User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD if can_sign_in else None,
            full_name=full_name,
            job_role=JobRole.VENUE_STAFF,
        )
        if can_sign_in:
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _certify(user, module, completed_at) -> None:
    """A completed enrolment and its certificate, unless the person already holds one."""
    from certificates.models import Certificate
    from certificates.services import issue_certificate
    from courses.models import Enrolment

    if Certificate.objects.filter(user=user, module=module).exists():
        return
    enrolment = Enrolment.objects.filter(
        user=user, module=module, completed_at__isnull=False
    ).first()
    if enrolment is None:
        enrolment = Enrolment.objects.create(
            user=user,
            module=module,
            started_at=completed_at - datetime.timedelta(minutes=40),
            completed_at=completed_at,
        )
    issue_certificate(enrolment)
