import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from .models import Audience, CourseIndexPage, LessonPage, ModulePage


def lesson_body(text: str = "Lesson text.") -> list:
    return [
        ("text", RichText(f"<p>{text}</p>")),
        (
            "sources",
            {
                "sources": [
                    {
                        "title": "Domestic Abuse Act 2021",
                        "url": "https://www.legislation.gov.uk/ukpga/2021/17",
                        "date_checked": datetime.date(2026, 11, 1),
                    }
                ]
            },
        ),
    ]


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.Sequence(lambda n: f"audience-{n}")


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Modules"
    slug = "modules"


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    summary = "What this module covers."
    estimated_minutes = 45
    cpd_minutes = 45
    review_by = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=365))


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(lesson_body)


def module_with_lessons(catalogue, count: int = 3, **module_kwargs) -> ModulePage:
    """A published module under ``catalogue`` with ``count`` published lessons, in order."""
    module = ModulePageFactory(parent=catalogue, **module_kwargs)
    for number in range(1, count + 1):
        lesson = LessonPageFactory(parent=module, title=f"{module.title}: lesson {number}")
        lesson.topics.add(lesson.slug)  # each lesson teaches the topic named after it
        lesson.save()
    return module


def make_question(qtype: str = "single", name: str = "", topic: str = "", **kwargs):
    """A question with sensible options: for single choice the first option is right."""
    from decimal import Decimal

    from .models import Question, QuestionOption, QuestionPair

    question = Question(
        name=name or f"{qtype} question",
        type=qtype,
        stem=kwargs.pop("stem", f"<p>Which is right? ({qtype})</p>"),
        general_feedback=kwargs.pop("general_feedback", "<p>Because the law says so.</p>"),
    )
    if topic:
        question.tags.add(topic)
    if qtype == "matching":
        question.pairs = [
            QuestionPair(prompt="999", answer="Emergency"),
            QuestionPair(prompt="101", answer="Non-emergency"),
            QuestionPair(prompt="PIPPA", answer="Local advice"),
        ]
    elif qtype == "multiple":
        question.options = [
            QuestionOption(text="Right A", fraction=Decimal("0.5"), feedback="Yes, A."),
            QuestionOption(text="Right B", fraction=Decimal("0.5"), feedback="Yes, B."),
            QuestionOption(text="Wrong C", fraction=Decimal("-0.5"), feedback="Not C."),
        ]
    elif qtype == "true_false":
        question.options = [
            QuestionOption(text="True", fraction=Decimal(1), feedback="It is true."),
            QuestionOption(text="False", fraction=Decimal(0), feedback="It is true, in fact."),
        ]
    else:
        question.options = [
            QuestionOption(text="The right answer", fraction=Decimal(1), feedback="Well done."),
            QuestionOption(text="A wrong answer", fraction=Decimal(0), feedback="Not quite."),
            QuestionOption(text="Another wrong answer", fraction=Decimal(0), feedback="No."),
        ]
    question.save()
    question.save_revision(clean=False).publish()  # live, with a first revision, as moderated
    return question


def make_quiz(module, questions, **kwargs):
    from .models import Quiz, QuizSlot

    quiz = Quiz(module=module, **kwargs)
    quiz.slots = [QuizSlot(question=question) for question in questions]
    quiz.save()
    quiz.save_revision(clean=False).publish()  # live, with a first revision, as moderated
    return quiz
