"""The demo page tree: a home page and the service's general pages.

Phone numbers for local services are those published in Southampton's Domestic Abuse and
VAWG Strategy 2023-2028; national lines are as published by the services themselves.
Every page that states a fact names where it comes from.
"""

import datetime

from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from .models import ContactPage, HomePage, StandardPage, SupportService

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


# slug: name, what it helps with, who it is for, phone, hours, website, source of the details
SERVICES = {
    "emergency-999": (
        "Emergency services",
        "Call if you or someone else is in immediate danger, or a crime is happening now. "
        "On a mobile, if you cannot speak, press 55 when asked.",
        "Anyone",
        "999",
        "24 hours a day",
        "https://www.police.uk/pu/contact-us/",
        f"{STRATEGY}; Silent Solution, Independent Office for Police Conduct",
    ),
    "police-101": (
        "Police non-emergency",
        "Report a crime that is not an emergency, or get advice from the police.",
        "Anyone",
        "101",
        "",
        "https://www.police.uk/pu/contact-us/",
        "police.uk",
    ),
    "pippa": (
        "PIPPA helpline",
        "Advice, support and safety planning about domestic abuse, including forced marriage "
        "and honour-based abuse. With your consent, a specialist can complete a risk assessment.",
        "Members of the public and professionals in Southampton",
        "023 8091 7917",
        "",
        "https://www.southampton.gov.uk/domestic-abuse/",
        STRATEGY,
    ),
    "yellow-door": (
        "Yellow Door",
        "Specialist support for anyone affected by sexual abuse or violence, including "
        "independent sexual violence advisers and therapy.",
        "People in Southampton and western Hampshire",
        "023 8063 6312",
        "",
        "https://www.yellowdoor.org.uk/",
        STRATEGY,
    ),
    "national-da-helpline": (
        "National Domestic Abuse Helpline",
        "Free, confidential support for anyone experiencing domestic abuse, and for people "
        "worried about someone else. Run by Refuge.",
        "Anyone in England",
        "0808 2000 247",
        "24 hours a day, every day",
        "https://www.nationaldahelpline.org.uk/",
        "National Domestic Abuse Helpline, nationaldahelpline.org.uk",
    ),
    "respect-phone-line": (
        "Respect Phone Line",
        "Confidential help for people who are worried about their own behaviour towards a "
        "partner or family member.",
        "People who use abuse, and professionals working with them",
        "0808 802 4040",
        "",
        "https://respectphoneline.org.uk/",
        "Respect Phone Line, respectphoneline.org.uk",
    ),
    "mens-advice-line": (
        "Men's Advice Line",
        "Confidential support for men experiencing domestic abuse.",
        "Men experiencing domestic abuse",
        "0808 801 0327",
        "",
        "https://mensadviceline.org.uk/",
        "Men's Advice Line, mensadviceline.org.uk",
    ),
    "karma-nirvana": (
        "Karma Nirvana helpline",
        "Support for anyone affected by honour-based abuse or forced marriage, and advice for "
        "professionals.",
        "Victims, survivors and professionals",
        "0800 5999 247",
        "",
        "https://karmanirvana.org.uk/",
        "Karma Nirvana, karmanirvana.org.uk",
    ),
    "forced-marriage-unit": (
        "Forced Marriage Unit",
        "Government advice and support about forced marriage, in the UK and abroad, including "
        "for professionals.",
        "Anyone, including professionals",
        "020 7008 0151",
        "",
        "https://www.gov.uk/guidance/forced-marriage",
        "GOV.UK, Forced marriage guidance",
    ),
    "hampton-trust": (
        "The Hampton Trust",
        "Behaviour-change programmes for people who have been abusive, with support for their "
        "partners. Men worried about their behaviour can contact the programme directly.",
        "People who use abuse in relationships; practitioners making referrals",
        "",
        "",
        "https://www.hamptontrust.org.uk/",
        STRATEGY,
    ),
}


def load_services() -> dict[str, SupportService]:
    services = {}
    for slug, (name, helps_with, who_for, phone, hours, url, source) in SERVICES.items():
        service = SupportService.objects.filter(slug=slug).first()
        if service is None:
            service = SupportService.objects.create(
                slug=slug,
                name=name,
                helps_with=helps_with,
                who_for=who_for,
                phone=phone,
                hours=hours,
                url=url,
                source=source,
                date_checked=CHECKED,
                live=True,
            )
        services[slug] = service
    return services


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
                    "National Domestic Abuse Helpline, nationaldahelpline.org.uk",
                    "Respect Phone Line, respectphoneline.org.uk",
                    "Silent Solution: Independent Office for Police Conduct, policeconduct.gov.uk",
                    "Men's Advice Line, Karma Nirvana, Forced Marriage Unit (GOV.UK) and the Hampton "
                    "Trust: each service's own website, as linked",
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
