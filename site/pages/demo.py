"""The demo page tree: a home page and the service's general pages.

Support services are seeded from ``demo_services.yaml``: each names the page its details
were checked at, and when. Every page that states a fact names where it comes from.
"""

import datetime
from pathlib import Path

import yaml
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from .models import ContactPage, HomePage, ServiceHours, StandardPage, SupportService

CHECKED = datetime.date(2026, 11, 1)
STRATEGY = (
    "Southampton Domestic Abuse and Violence Against Women and Girls Strategy 2023–2028, "
    "Southampton City Council"
)


def p(*paragraphs: str) -> tuple:
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def heading(text: str, level: str = "h2") -> tuple:
    return ("heading", {"text": text, "level": level})


def sources(*items: str) -> tuple:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        "details",
        {"summary": "Sources for this page", "body": RichText(f"<ul>{listed}</ul>")},
    )


SERVICES_FILE = Path(__file__).resolve().parent / "demo_services.yaml"
WEEKDAY_SLUGS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NOT_PUBLISHED = "not published"


def read_services() -> dict[str, dict]:
    """The seeded support services by slug, as written in ``demo_services.yaml``."""
    with SERVICES_FILE.open(encoding="utf-8") as handle:
        return {spec["slug"]: spec for spec in yaml.safe_load(handle)}


SERVICES = read_services()


def hours_rows(hours) -> list[dict]:
    """A seed's ``hours`` as one dict per weekday (none when hours are not published)."""
    if hours == NOT_PUBLISHED:
        return []
    rows = []
    for entry in hours:
        days = entry["days"]
        weekdays = range(7) if days == "every day" else [WEEKDAY_SLUGS.index(d) for d in days]
        for weekday in weekdays:
            row = {"weekday": weekday, "all_day": bool(entry.get("all_day", False))}
            if not row["all_day"]:
                row["opens"] = datetime.time.fromisoformat(entry["opens"])
                row["closes"] = datetime.time.fromisoformat(entry["closes"])
                row["overnight"] = bool(entry.get("overnight", False))
            rows.append(row)
    return rows


def load_services() -> dict[str, SupportService]:
    """Create the seeded services that are missing (by slug), with their hours. Services
    already there are left as editors keep them."""
    services = {}
    for slug, spec in SERVICES.items():
        service = SupportService.objects.filter(slug=slug).first()
        if service is None:
            service = SupportService(
                slug=slug,
                name=spec["name"],
                helps_with=spec["helps_with"],
                who_for=spec["who_for"],
                phone=spec["phone"],
                closed_on_bank_holidays=spec["closed_on_bank_holidays"],
                hours_note=spec["hours_note"],
                url=spec["url"],
                source=spec["source"],
                source_url=spec["source_url"],
                date_checked=spec["date_checked"],
                staff_support=spec["staff_support"],
                live=True,
            )
            service.opening_hours = [ServiceHours(**row) for row in hours_rows(spec["hours"])]
            service.full_clean()
            service.save()
        services[slug] = service
    return services


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def service_sources(*slugs: str) -> list[str]:
    """Where each service's details come from, for a page's "Sources" list."""
    return [
        f'{SERVICES[slug]["name"]}: <a href="{SERVICES[slug]["source_url"]}">'
        f"{SERVICES[slug]['source']}</a>, checked {_day(SERVICES[slug]['date_checked'])}"
        for slug in slugs
    ]


def get_help(heading: str, *slugs: str, services: dict) -> tuple:
    return ("get_help", {"heading": heading, "services": [services[slug] for slug in slugs]})


HOME = {
    "title": "Safe City Learning",
    "intro": (
        "Training for everyone in the city's partnership who may meet someone affected by "
        "domestic abuse or violence against women and girls."
    ),
    "body": [
        p(
            "The city's domestic abuse and VAWG strategy says staff and volunteers in partner "
            "agencies should be trained to identify abuse, respond sensitively and act. "
            "These free online modules help you do that at your own pace, on any device.",
        ),
        heading("Who it is for"),
        (
            "paragraph",
            RichText(
                "<ul><li>frontline staff in police, health, housing, social care, substance "
                "misuse, mental health, probation, schools and the voluntary sector</li>"
                "<li>managers and agency leads who need to know who is trained</li>"
                "<li>businesses and organisations in the Safe Places network</li></ul>"
            ),
        ),
        heading("How it works"),
        p(
            "Create an account with your work email address. Work through a module, stopping "
            "and starting when you need to. When you pass its short quiz you get a "
            "certificate that your manager or an inspector can check.",
        ),
        (
            "inset_text",
            {
                "text": RichText(
                    "<p>Some of the content is about abuse and may be distressing. Each module "
                    "tells you what it covers before you start, and you can stop at any time.</p>"
                )
            },
        ),
        ("button", {"text": "Create an account", "page": None, "url": "/accounts/signup/"}),
    ],
    "support_text": (
        "<p>If you are in immediate danger, call <b>999</b>.</p>"
        "<p>For advice about domestic abuse in Southampton, call the PIPPA helpline on "
        "<b>023 8091 7917</b>.</p>"
        '<p><a href="/get-help/">More services that can help</a></p>'
    ),
}


def build_pages(services: dict) -> list[dict]:
    return [
        {
            "slug": "get-help",
            "title": "Get help now",
            "intro": (
                "Services that can help if you, or someone you are supporting, is affected by abuse."
            ),
            "body": [
                (
                    "warning_text",
                    {"text": "If you are in immediate danger, call 999 and ask for the police."},
                ),
                p(
                    "If you cannot speak when you call 999 from a mobile, listen to the operator "
                    "and press 55 when asked. This is the police Silent Solution: it tells them the "
                    "call is genuine.",
                ),
                get_help("In Southampton", "pippa", "yellow-door", "police-101", services=services),
                get_help(
                    "National helplines",
                    "national-da-helpline",
                    "mens-advice-line",
                    "karma-nirvana",
                    "forced-marriage-unit",
                    services=services,
                ),
                get_help(
                    "If you are worried about your own behaviour",
                    "respect-phone-line",
                    "hampton-trust",
                    services=services,
                ),
                sources(
                    f"{STRATEGY}: PIPPA helpline, Yellow Door and the advice to call 999",
                    "Silent Solution: Independent Office for Police Conduct, policeconduct.gov.uk",
                    *service_sources(
                        "police-101",
                        "national-da-helpline",
                        "mens-advice-line",
                        "karma-nirvana",
                        "forced-marriage-unit",
                        "respect-phone-line",
                        "hampton-trust",
                    ),
                ),
            ],
        },
        {
            "slug": "about",
            "title": "About Safe City Learning",
            "intro": "The training platform of the city's Domestic Abuse and VAWG partnership.",
            "body": [
                p(
                    "The partnership's strategy for 2023 to 2028 has four priorities: prioritising "
                    "prevention; support for survivors; building an accountable community and "
                    "changing perpetrator behaviour; and a stronger coordinated response.",
                    "It commits partners to train staff and volunteers to identify domestic abuse "
                    "and other forms of violence against women and girls, to respond sensitively "
                    "and to intervene appropriately with every member of the family. A Domestic "
                    "Abuse Training Coordinator makes sure this training reaches key agencies "
                    "across the city.",
                ),
                sources(STRATEGY),
            ],
        },
        {
            "slug": "accessibility",
            "title": "Accessibility statement",
            "intro": "How accessible this service is, and how to tell us about a problem.",
            "body": [
                p(
                    "This service is run by the city's Domestic Abuse and VAWG partnership. We want "
                    "as many people as possible to be able to use it. You should be able to:",
                ),
                (
                    "paragraph",
                    RichText(
                        "<ul><li>change colours, contrast levels and fonts using browser or device "
                        "settings</li><li>zoom in up to 400% without the text spilling off the "
                        "screen</li><li>navigate the whole service using just a keyboard</li>"
                        "<li>use the service with speech recognition software and screen readers"
                        "</li><li>take as long as you need: no learning content is timed</li></ul>"
                    ),
                ),
                heading("Compliance status"),
                p(
                    "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 AA "
                    "standard, as required of public sector websites by the Public Sector Bodies "
                    "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. "
                    "Every page is tested automatically with axe before it is released.",
                ),
                heading("Reporting a problem"),
                p(
                    'If you find a problem, <a href="/contact/">contact us</a>. If you are not happy '
                    "with our response, contact the Equality Advisory and Support Service (EASS).",
                ),
            ],
        },
        {
            "slug": "privacy",
            "title": "Privacy notice",
            "intro": "What we collect about you, why, and how long we keep it.",
            "body": [
                heading("What we collect"),
                p(
                    "Your name (as you want it on certificates), your work email address, your "
                    "role, your agency, and your training records: modules started and completed, "
                    "quiz results and certificates.",
                    "We do not collect anything about your personal circumstances. Reflection notes "
                    "you write in modules are visible only to you.",
                ),
                heading("Why"),
                p(
                    "To give you access to training, issue and verify certificates, and let the "
                    "Training Coordinator and your agency lead see whether training has reached the "
                    "staff who need it.",
                ),
                heading("Who can see it"),
                p(
                    "You, the Training Coordinator, and the lead for your own agency. Anyone you "
                    "give a certificate code to can check that certificate is valid: they see your "
                    "name, the module and the dates, never your email address or agency.",
                ),
                heading("Emails"),
                p(
                    "Our emails only ever contain a link to this service. They never describe your "
                    "training or anyone's situation.",
                ),
                heading("Cookies"),
                p(
                    'We use only the cookies the service needs to work. See <a href="/cookies/">'
                    "cookies</a>.",
                ),
            ],
        },
        {
            "slug": "cookies",
            "title": "Cookies",
            "intro": "This service only uses cookies that it needs to work.",
            "body": [
                p(
                    "We do not use analytics, advertising or any third-party cookies or trackers.",
                ),
                (
                    "paragraph",
                    RichText(
                        "<ul><li><b>sessionid</b>: keeps you signed in. Ends when you close your "
                        "browser.</li><li><b>csrftoken</b>: protects forms from being submitted by "
                        "other websites. Expires after a year.</li></ul>"
                    ),
                ),
            ],
        },
        {
            "slug": "contact",
            "title": "Contact",
            "model": ContactPage,
            "intro": "Questions about training, your account or this website, and feedback.",
            "body": [
                p(
                    "Agency leads can answer most questions about your agency's training "
                    "records. For anything else, or to tell us what you think, send us a "
                    "message below.",
                    "This website cannot respond to emergencies. If you need help now, see <a "
                    'href="/get-help/">get help now</a>.',
                ),
            ],
        },
    ]


def load_pages(services: dict | None = None) -> HomePage:
    services = services if services is not None else load_services()
    root = Page.get_first_root_node()
    # Wagtail's installer leaves a placeholder "Welcome" page (and a site pointing at it).
    for placeholder in Page.objects.filter(depth=2, content_type__app_label="wagtailcore"):
        placeholder.delete()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title=HOME["title"],
            slug="home",
            intro=HOME["intro"],
            body=HOME["body"],
            support_text=HOME["support_text"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page_id != home.pk:
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "site_name": "Safe City Learning",
                "root_page": home,
            },
        )
    for spec in build_pages(services):
        if home.get_children().filter(slug=spec["slug"]).exists():
            continue
        model = spec.get("model", StandardPage)
        fields = {"last_reviewed": CHECKED} if model is StandardPage else {}
        page = model(
            title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"], **fields
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return home
