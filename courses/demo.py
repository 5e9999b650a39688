"""Build the module catalogue from ``courses/demo_content`` (see its docstring for the format)."""

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.rich_text import RichText

from pages.models import HomePage, SupportService

from . import demo_content
from .demo_content import AUDIENCES
from .models import (
    Audience,
    CourseIndexPage,
    Enrolment,
    LessonPage,
    ModulePage,
    Question,
    QuestionCategory,
    QuestionOption,
    QuestionPair,
    Quiz,
    QuizSlot,
    TrainingRequirement,
)

RICH_FIELDS = {
    "text": None,  # the whole value is rich text
    "key_fact": ["text"],
    "case_study": ["scenario", "questions", "discussion"],
    "practice_point": ["text"],
}


def module_data() -> list[dict]:
    return [demo_content.module(name) for name in demo_content.MODULE_FILES]


def module_questions() -> dict[str, list[dict]]:
    """The seed quiz questions of each module, by module slug."""
    return {
        demo_content.module(name)["slug"]: demo_content.questions(name)
        for name in demo_content.MODULE_FILES
    }


def _block(block_type: str, value, services: dict[str, SupportService]):
    if block_type == "text":
        return ("text", RichText(value))
    if block_type in RICH_FIELDS:
        value = {
            key: RichText(item) if key in RICH_FIELDS[block_type] else item
            for key, item in value.items()
        }
        return (block_type, value)
    if block_type == "accordion":
        sections = [
            {"heading": s["heading"], "content": RichText(s["content"])} for s in value["sections"]
        ]
        return ("accordion", {"sections": sections})
    if block_type == "get_help":
        chosen = [services[slug] for slug in value["services"]]
        return (
            "get_help",
            {"heading": value.get("heading", "Where to get help"), "services": chosen},
        )
    if block_type == "sources":
        sources = [
            {
                "title": source["title"],
                "url": source.get("url", ""),
                "date_checked": datetime.date.fromisoformat(source["date_checked"]),
            }
            for source in value["sources"]
        ]
        return ("sources", {"sources": sources})
    return (block_type, value)


def load_audiences() -> dict[str, Audience]:
    audiences = {}
    for slug, name in AUDIENCES.items():
        audience, _ = Audience.objects.get_or_create(slug=slug, defaults={"name": name})
        audiences[slug] = audience
    return audiences


def load_catalogue(home: HomePage, services: dict[str, SupportService]) -> CourseIndexPage:
    audiences = load_audiences()
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Modules",
            slug="modules",
            intro=(
                "Free online training for staff and volunteers in the partnership. Work at "
                "your own pace: your place is saved whenever you stop."
            ),
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()

    for data in module_data():
        if ModulePage.objects.filter(slug=data["slug"]).exists():
            continue
        module = ModulePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            learning_outcomes=[("outcome", outcome) for outcome in data["outcomes"]],
            estimated_minutes=data["estimated_minutes"],
            cpd_minutes=data["cpd_minutes"],
            refresh_months=data["refresh_months"],
            content_note=data.get("content_note", ""),
            review_by=data["review_by"],
            contact=data.get("contact", ""),
        )
        module.audiences = [audiences[slug] for slug in data["audiences"]]
        catalogue.add_child(instance=module)
        module.save_revision().publish()
        for lesson_data in data["lessons"]:
            lesson = LessonPage(
                title=lesson_data["title"],
                slug=lesson_data["slug"],
                summary=lesson_data.get("summary", ""),
                estimated_minutes=lesson_data.get("minutes", 10),
                distressing=lesson_data.get("distressing", False),
                content_note=lesson_data.get("content_note", ""),
                body=[_block(kind, value, services) for kind, value in lesson_data["body"]],
            )
            lesson.topics.add(lesson_data["slug"])
            module.add_child(instance=lesson)
            lesson.save_revision().publish()
    return catalogue


CONFIDENCE_STATEMENTS = {
    "identifying-domestic-abuse": [
        "I can recognise the signs of domestic abuse, including coercive control",
        "I feel confident asking someone about abuse safely",
        "I know how to refer someone in Southampton",
    ],
    "dare": [
        "I feel confident asking someone if they have harmed a partner or family member",
        "I know how to respond to a disclosure without colluding",
    ],
    "safe-and-together": [
        "I can keep the person causing harm visible in my assessments and records",
        "I feel confident partnering with the non-abusing parent",
    ],
    "harmful-practices": [
        "I can recognise warning signs of FGM, forced marriage and honour-based abuse",
        "I know what I must do if I learn a girl has had FGM",
    ],
    "safe-places": [
        "I feel confident welcoming someone who asks for help",
        "I know when to call 999 and when to call 101",
    ],
}


def _fractions(options: list[dict], qtype: str) -> list[Decimal]:
    if qtype != "multiple":
        return [Decimal(1) if option["correct"] else Decimal(0) for option in options]
    right = sum(1 for option in options if option["correct"])
    share = (Decimal(1) / right).quantize(Decimal("0.00001"))
    fractions, given = [], Decimal(0)
    remaining = right
    for option in options:
        if option["correct"]:
            remaining -= 1
            value = Decimal(1) - given if remaining == 0 else share
            given += value
            fractions.append(value)
        else:
            fractions.append(-share)
    return fractions


def create_question(data: dict, category: QuestionCategory) -> Question:
    stem = data["stem"] if data["stem"].lstrip().startswith("<") else f"<p>{data['stem']}</p>"
    question = Question(
        name=strip_tags(stem)[:120].strip(),
        type=data["type"],
        stem=stem,
        general_feedback=data.get("feedback", ""),
        category=category,
        outcome=data.get("outcome"),
        scenario=bool(data.get("scenario", False)),
    )
    question.tags.add(data["topic"])
    if data["type"] == "matching":
        question.pairs = [QuestionPair(prompt=left, answer=right) for left, right in data["pairs"]]
    else:
        question.options = [
            QuestionOption(
                text=option["text"], fraction=fraction, feedback=option.get("feedback", "")
            )
            for option, fraction in zip(
                data["options"], _fractions(data["options"], data["type"]), strict=True
            )
        ]
    question.save()
    question.save_revision(clean=False).publish()  # demo content is published, as moderated
    return question


def quiz_slots(module: dict, created: list[Question]) -> list[QuizSlot]:
    """Random draws by topic from ``module["quiz"]["draws"]`` (lesson slug → count), so a
    resit shows different questions; every question in a fixed slot when there is no quiz."""
    draws = (module.get("quiz") or {}).get("draws")
    if not draws:
        return [QuizSlot(question=question) for question in created]
    return [QuizSlot(topic=topic, count=count) for topic, count in draws.items()]


def load_quizzes() -> list[Quiz]:
    quizzes = []
    modules = {data["slug"]: data for data in module_data()}
    for slug, questions in module_questions().items():
        module = ModulePage.objects.get(slug=slug)
        quiz = Quiz.objects.filter(module=module).first()
        if quiz is None:
            category, _ = QuestionCategory.objects.get_or_create(name=module.title)
            created = [create_question(data, category) for data in questions]
            quiz = Quiz(
                module=module,
                title="End of module quiz",
                intro="Check what you have learned. You can look back at the lessons first.",
                pass_mark=80,
                minutes_between_attempts=10,
                questions_per_page=5,
                confidence_statements="\n".join(CONFIDENCE_STATEMENTS.get(slug, [])),
            )
            quiz.slots = quiz_slots(modules[slug], created)
            quiz.save()
            quiz.save_revision(clean=False).publish()
        quizzes.append(quiz)
    return quizzes


REQUIREMENTS = [
    ("identifying-domestic-abuse", "police"),
    ("identifying-domestic-abuse", "health"),
    ("identifying-domestic-abuse", "housing"),
    ("safe-and-together", "childrens_social_care"),
    ("dare", "substance_misuse"),
    ("dare", "mental_health"),
    ("harmful-practices", "health"),
    ("harmful-practices", "education"),
    ("safe-places", "business"),
]

# Demo learners: (agency name, number of people, module slug, how many have completed it).
DEMO_LEARNERS = [
    ("Hampshire and Isle of Wight Constabulary", 12, "identifying-domestic-abuse", 7),
    ("Solent NHS Trust", 8, "identifying-domestic-abuse", 3),
    ("Southampton City Council: Children's Social Care", 10, "safe-and-together", 6),
    ("Southern Health NHS Foundation Trust", 6, "dare", 2),
    ("Bitterne Park School", 5, "harmful-practices", 1),
]


def load_requirements() -> None:
    for slug, sector in REQUIREMENTS:
        TrainingRequirement.objects.get_or_create(
            module=ModulePage.objects.get(slug=slug), sector=sector, job_role=""
        )


def load_demo_learners(agencies: dict, now=None) -> int:
    """Fictional learners so the coverage dashboard has something to show locally.

    The first ``completed`` people of each agency hold a certificate issued 30 days ago,
    except the last of them, whose certificate expires in 30 days; the rest started the
    module and stopped. Only where demo accounts are enabled (never in production).
    """
    from allauth.account.models import EmailAddress
    from django.conf import settings

    from accounts.models import JobRole, User
    from certificates.services import issue_certificate

    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        return 0
    now = now or timezone.now()
    created = 0
    for agency_name, count, slug, completed in DEMO_LEARNERS:
        agency = agencies[agency_name]
        module = ModulePage.objects.get(slug=slug)
        for n in range(count):
            email = f"demo.{slugify(agency_name)[:30]}.{n + 1}@example.org"
            if User.objects.filter(email=email).exists():
                continue
            # Verified and confirmed, so that they count in the demo dashboard's figures.
            user = User.objects.create_user(
                email=email,
                full_name=f"Demo Learner {n + 1} ({agency_name[:40]})",
                job_role=JobRole.FRONTLINE,
                agency=agency,
                agency_confirmed_at=now,
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            created += 1
            if n < completed:
                enrolment = Enrolment.objects.create(
                    user=user, module=module, completed_at=now - datetime.timedelta(days=30)
                )
                certificate = issue_certificate(enrolment)
                if n == completed - 1:
                    type(certificate).objects.filter(pk=certificate.pk).update(
                        expires_at=now + datetime.timedelta(days=30)
                    )
            else:
                Enrolment.objects.create(user=user, module=module)
    return created
