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
        LessonPageFactory(parent=module, title=f"{module.title}: lesson {number}")
    return module
