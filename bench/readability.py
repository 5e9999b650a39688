"""Reading age of every lesson: Flesch-Kincaid grade and reading age (grade + 5).

    .venv/bin/python bench/readability.py              # the demo YAML, no database
    .venv/bin/python bench/readability.py --database   # live lessons in DATABASE_URL

Reads the lesson bodies, leaves out quoted law (``legislation`` blocks) and ``sources``,
strips the HTML and scores the text with textstat. Prints each lesson and each module
worst first, and the share of lessons at reading age 13 or under (our target is a reading
age of about 12 outside quoted law).

How text is counted: each paragraph, list item, heading, table cell and block field is a
sentence of its own, so a bulleted list is not scored as one very long sentence. textstat
ends a sentence only at ".", "!" or "?", so a unit that ends otherwise gets a full stop, and
one that ends in ":" or ";" (a list's lead-in, a list item) has that mark made a full stop.
A decimal point ("31.4%") is not a sentence end: it is dropped before scoring.

A module's score is that of all its lessons' text together, not an average of averages.
Service lists in "get help" blocks, images, documents and link addresses are not text and
are left out.

Syllables: textstat 0.7.3 counts them from pyphen's hyphenation dictionary (US English,
its default: the Flesch-Kincaid grades are American school grades). That undercounts a
little against a pronouncing dictionary, so treat a figure as a floor, and compare lessons
with each other rather than with a hard line. (Newer textstat releases download the CMU
pronouncing dictionary at run time, which this project cannot do; see pyproject.toml.)
"""

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

SKIPPED_BLOCKS = {"legislation", "sources"}
# Keys whose values are not prose: addresses, choices, dates and chosen objects.
SKIPPED_KEYS = {"url", "level", "date_checked", "services", "image", "document", "video"}
BLOCK_TAGS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "br"]
TARGET_AGE = 13
# textstat 0.7.3 splits sentences at ".", "!" and "?" only (a closing quote or bracket may follow).
SENTENCE_END = re.compile(r"[.!?]['’”\")]*$")
DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


@dataclass
class Score:
    module: str
    lesson: str
    words: int
    grade: float

    @property
    def age(self) -> float:
        return self.grade + 5


def sentences_of_html(html: str) -> list[str]:
    """Text units of a piece of HTML, one per block element."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.append("\n")
    return [line.strip() for line in soup.get_text().split("\n") if line.strip()]


def block_text(value) -> list[str]:
    """Every prose string in a block's value, in order."""
    if isinstance(value, str):
        return sentences_of_html(value)
    if isinstance(value, dict):
        return [
            unit
            for key, item in value.items()
            if key not in SKIPPED_KEYS
            for unit in block_text(item)
        ]
    if isinstance(value, list | tuple):
        return [unit for item in value for unit in block_text(item)]
    return []


def lesson_text(blocks) -> str:
    """``blocks``: (block type, value) pairs, as in the YAML or a StreamField's raw data."""
    units = [
        unit
        for block_type, value in blocks
        if block_type not in SKIPPED_BLOCKS
        for unit in block_text(value)
    ]
    return " ".join(_as_sentence(unit) for unit in units)


def _as_sentence(unit: str) -> str:
    """``unit`` as one sentence for textstat: ending in ".", "!" or "?", no decimal points."""
    unit = DECIMAL_POINT.sub("", unit)
    if SENTENCE_END.search(unit):
        return unit
    return unit.rstrip(":;") + "."


def grade(text: str) -> float:
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def word_count(text: str) -> int:
    import textstat

    return int(textstat.lexicon_count(text))


def lessons_from_yaml():
    """(module title, lesson title, blocks) for every lesson in the demo YAML."""
    from courses.demo_content import MODULE_FILES, module

    for name in MODULE_FILES:
        data = module(name)
        for lesson in data["lessons"]:
            yield data["title"], lesson["title"], lesson["body"]


def lessons_from_database():
    """(module title, lesson title, blocks) for every live lesson."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from courses.models import LessonPage

    for lesson in LessonPage.objects.live().order_by("path").specific():
        raw = lesson.body.raw_data
        blocks = [(block["type"], block["value"]) for block in raw]
        yield lesson.get_parent().title, lesson.title, blocks


def report(lessons) -> str:
    scores, by_module = [], {}
    for module_title, lesson_title, blocks in lessons:
        text = lesson_text(blocks)
        if not text:
            continue
        scores.append(Score(module_title, lesson_title, word_count(text), grade(text)))
        by_module.setdefault(module_title, []).append(text)
    if not scores:
        return "No lessons found."
    modules = [
        Score(title, "", word_count(" ".join(texts)), grade(" ".join(texts)))
        for title, texts in by_module.items()
    ]
    lines = ["Lessons, worst first", f"{'grade':>6} {'age':>5} {'words':>6}  module: lesson"]
    for s in sorted(scores, key=lambda s: -s.grade):
        lines.append(f"{s.grade:6.1f} {s.age:5.1f} {s.words:6d}  {s.module}: {s.lesson}")
    lines += ["", "Modules, worst first", f"{'grade':>6} {'age':>5} {'words':>6}  module"]
    for s in sorted(modules, key=lambda s: -s.grade):
        lines.append(f"{s.grade:6.1f} {s.age:5.1f} {s.words:6d}  {s.module}")
    within = sum(1 for s in scores if s.age <= TARGET_AGE)
    lines += [
        "",
        f"Lessons at reading age {TARGET_AGE} or under: {within} of {len(scores)} "
        f"({100 * within / len(scores):.0f}%)",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        action="store_true",
        help="score the live lessons in the database (DATABASE_URL) instead of the demo YAML",
    )
    args = parser.parse_args()
    print(report(lessons_from_database() if args.database else lessons_from_yaml()))


if __name__ == "__main__":
    main()
