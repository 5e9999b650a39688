"""Every lesson with distressing material warns the learner before it starts.

The definition: a lesson is distressing when its body (headings, text, case studies, quoted
law: everything a learner reads except lists of services and sources) mentions any of the
themes below. Such a lesson must be marked
"contains distressing content" and carry a note naming the themes. The test reads the lessons
that ``load_demo`` publishes, so it checks what learners actually see.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from courses.models import LessonPage

pytestmark = pytest.mark.django_db

DISTRESSING = re.compile(
    r"\b(rap(e|ed|ist|es)|sexual (violence|assault|abuse|exploitation)|assault(s|ed)?"
    r"|strang(l|ul)\w*|suffocat\w*|chok(e|ed|es|ing)|murder\w*|homicide\w*|kill(s|ed|ing)?"
    r"|suicid\w*|self-harm\w*|mutilat\w*|injur(y|ies|ed)|bruis\w*|cutting|stab\w*"
    r"|threat(s|ened|ening)? to kill)\b",
    re.IGNORECASE,
)


# Lists of services and sources name organisations ("Rape Crisis"); they are not material.
NOT_MATERIAL = {"get_help", "sources"}


def body_text(lesson: LessonPage) -> str:
    return " ".join(
        strip_tags(str(block.render()))
        for block in lesson.body
        if block.block_type not in NOT_MATERIAL
    )


def test_the_keyword_list_finds_what_it_should():
    assert DISTRESSING.search("He tried to strangle her")
    assert DISTRESSING.search("Rape Crisis")
    assert DISTRESSING.search("non-fatal strangulation")
    assert not DISTRESSING.search("grapes and drapes were skilled work")


def test_every_lesson_with_distressing_content_has_a_content_note():
    call_command("load_demo", stdout=io.StringIO())
    lessons = list(LessonPage.objects.live().specific())
    assert len(lessons) >= 25  # the five demo modules
    missing = []
    for lesson in lessons:
        found = sorted({m.group(0).lower() for m in DISTRESSING.finditer(body_text(lesson))})
        if found and not (lesson.distressing and lesson.content_note.strip()):
            missing.append(f"{lesson.get_parent().slug}/{lesson.slug}: {', '.join(found)}")
    assert missing == [], "Lessons needing a content note:\n" + "\n".join(missing)
