# ruff: noqa: RUF002 (the definitions below are quoted exactly from issue 13)
r"""The item-writing check: common faults in quiz questions, and gaps in what a quiz covers.

Definitions
-----------
Plain text = HTML tags stripped, entities unescaped, whitespace collapsed. A *wrong option* has
fraction ≤ 0; a *right option* fraction > 0.

Question-level flags (single choice = `single`, multiple response = `multiple`; true/false and
matching are exempt from 1–2):

1. `longest_right` — single: the right option's plain text is strictly longer than every wrong
   option's; multiple: every right option is strictly longer than every wrong option.
2. `few_distractors` — single or multiple with fewer than 2 wrong options.
3. `all_none_above` — an option matches /\b(all|none|both|neither) of (the )?(above|these|them)\b/i.
4. `negative_stem` — the question sentence (the last sentence of the stem that ends in "?", else
   the stem's last sentence) contains NOT / EXCEPT / LEAST / NEVER / CANNOT (any case) or a
   word ending in "n't", unless that word is emphasised (inside <strong>, <b> or <em>) or
   written in CAPITALS.
5. `duplicate_options` — two options (or two matching prompts, or two matching answers) with
   the same text after casefolding, collapsing whitespace and stripping final punctuation.

Quiz-level flags (for a Quiz, over its *pool*: questions in fixed slots plus the live
questions carrying each draw slot's topic tag):

6. `outcome_without_question` — a learning outcome of the quiz's module (numbered 1..N in the
   order of `ModulePage.learning_outcomes`) that no pool question is tagged with.
7. `outcome_few_scenarios` — an outcome with fewer than 3 scenario questions in the pool.
8. `topic_too_small` — a draw slot whose topic has fewer live questions than twice its count
   (message distinguishes "cannot be filled" (< count) from "a resit would repeat questions"
   (< 2 × count)).
9. `no_outcome` — a pool question with no outcome number, or a number above N.

Added for issue 14 (imported pictures), an accessibility warning:

10. `image_without_alt` — a picture in the stem, an option or a matching prompt (a raw
    ``<img>`` or a Wagtail image embed) with no ``alt`` attribute or a blank one. A question
    that needs a picture needs its description too, for learners who cannot see it.

Empty texts (a matching question's extra wrong answers have no prompt; a picture-only option
has no words) are not compared by `duplicate_options`.

Also reported per quiz: the share of pool single/multiple questions flagged `longest_right`
("Right answer is the longest option in 3 of 36 questions (8 %)").

This module is the pure core: it works on plain data (``QuestionData``), so the same code
checks saved questions, imported banks before saving and the YAML demo files. It imports
nothing from Django or the database (``scripts/check_demo_questions.py`` runs without one);
the functions that read model instances are in ``courses.selectors.question_report``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
MATCHING = "matching"

MIN_DISTRACTORS = 2
MIN_SCENARIOS = 3

QUESTION_CODES = (
    "longest_right",
    "few_distractors",
    "all_none_above",
    "negative_stem",
    "duplicate_options",
    "image_without_alt",
)
QUIZ_CODES = (
    "outcome_without_question",
    "outcome_few_scenarios",
    "topic_too_small",
    "no_outcome",
)

ALL_NONE_ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.I)
NEGATIVE_WORDS = {"not", "except", "least", "never", "cannot"}
EMPHASIS_TAGS = {"strong", "b", "em"}
# Letters with a straight or curly apostrophe inside, so "don't" and "isn't" are one word.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
PICTURE = re.compile(r"<(?:img\b[^>]*|embed\b[^>]*\bembedtype=\"image\"[^>]*)>", re.I)
ALT = re.compile(r"\balt=\"([^\"]*)\"")
SENTENCE_END = re.compile(r"(?<=[.?!])[\"'”’)]*\s+")


@dataclass
class QuestionData:
    """One question as plain data: a model instance, an imported question or a YAML entry."""

    type: str
    stem: str  # HTML
    options: list[tuple[str, Decimal]] = field(default_factory=list)  # (html, fraction)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (prompt, answer)
    outcome: int | None = None
    scenario: bool = False
    topics: list[str] = field(default_factory=list)
    name: str = ""
    ref: object = None  # what the caller needs to find the question again (pk, line, index)

    @property
    def label(self) -> str:
        """The first 60 characters of the stem's plain text."""
        text = plain_text(self.stem)
        return text if len(text) <= 60 else text[:60] + "…"


@dataclass
class Flag:
    code: str
    message: str  # what is wrong and how to fix it, for an editor
    question: QuestionData | None = None


@dataclass
class DrawSlot:
    topic: str
    count: int


@dataclass
class QuizReport:
    flags: list[Flag]  # quiz-level
    question_flags: list[tuple[QuestionData, list[Flag]]]  # flagged pool questions only
    longest_right: int
    choice_questions: int
    pool_size: int

    @property
    def longest_right_summary(self) -> str:
        return longest_right_summary(self.longest_right, self.choice_questions)

    @property
    def has_flags(self) -> bool:
        return bool(self.flags or self.question_flags)


# ---- text helpers -------------------------------------------------------------------------


class _Text(HTMLParser):
    """Collects text, and for each piece whether it sits inside <strong>, <b> or <em>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, bool]] = []
        self._emphasis = 0

    def handle_starttag(self, tag, attrs):
        if tag in EMPHASIS_TAGS:
            self._emphasis += 1
        elif tag in {"p", "br", "li", "div"}:
            self.pieces.append((" ", False))

    def handle_endtag(self, tag):
        if tag in EMPHASIS_TAGS:
            self._emphasis = max(0, self._emphasis - 1)
        elif tag in {"p", "li", "div"}:
            self.pieces.append((" ", False))

    def handle_data(self, data):
        self.pieces.append((data, self._emphasis > 0))


def _pieces(value: str) -> list[tuple[str, bool]]:
    parser = _Text()
    parser.feed(value or "")
    parser.close()
    return parser.pieces


def plain_text(value: str) -> str:
    """HTML tags stripped, entities unescaped, whitespace collapsed."""
    text = "".join(piece for piece, _ in _pieces(value))
    return " ".join(text.split())


def normalised(value: str) -> str:
    """For comparing options: plain text, casefolded, final punctuation stripped."""
    return plain_text(value).casefold().rstrip(".,;:!?…").rstrip()


def question_sentence(stem: str) -> list[tuple[str, bool]]:
    """The words of the stem's question sentence, each with whether it is emphasised.

    The question sentence is the last sentence that ends in "?", else the last sentence.
    """
    words: list[tuple[str, bool, int]] = []  # word, emphasised, end offset in the text
    text = ""
    for piece, emphasised in _pieces(stem):
        for match in WORD.finditer(piece):
            words.append((match.group(), emphasised, len(text) + match.end()))
        text += piece
    text = text.rstrip()
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        sentences.append((start, match.start()))
        start = match.end()
    sentences.append((start, len(text)))
    sentences = [(a, b) for a, b in sentences if text[a:b].strip()]
    if not sentences:
        return []
    asking = [(a, b) for a, b in sentences if text[a:b].rstrip("\"'”’) ").endswith("?")]
    first, last = (asking or sentences)[-1]
    return [(word, emphasised) for word, emphasised, end in words if first < end <= last]


def _is_negative(word: str) -> bool:
    lower = word.lower().replace("’", "'")
    return lower in NEGATIVE_WORDS or lower.endswith("n't")


# ---- question-level -----------------------------------------------------------------------


def check_question(question: QuestionData) -> list[Flag]:
    """Question-level flags (1 to 5 in the module docstring), in that order."""
    flags: list[Flag] = []

    def flag(code: str, message: str) -> None:
        flags.append(Flag(code, message, question))

    right = [plain_text(text) for text, fraction in question.options if fraction > 0]
    wrong = [plain_text(text) for text, fraction in question.options if fraction <= 0]
    if question.type in (SINGLE, MULTIPLE):
        if right and wrong and min(map(len, right)) > max(map(len, wrong)):
            flag(
                "longest_right",
                "The right answer is the longest option, so a learner can guess it without "
                "knowing the point. Shorten it, or make the wrong options as full and "
                "specific as the right one.",
            )
        if len(wrong) < MIN_DISTRACTORS:
            flag(
                "few_distractors",
                f"It has {len(wrong)} wrong option{'s' if len(wrong) != 1 else ''}: give at "
                f"least {MIN_DISTRACTORS}, each a mistake a learner might really make, so "
                "guessing does not pay.",
            )
    for text, _ in question.options:
        if ALL_NONE_ABOVE.search(plain_text(text)):
            flag(
                "all_none_above",
                f"The option “{plain_text(text)}” points at the other options. Options are "
                "shuffled, and learners can get it right by spotting two true options. "
                "Replace it with a specific answer, or make it a multiple response question.",
            )
            break
    negative = [
        word
        for word, emphasised in question_sentence(question.stem)
        if _is_negative(word) and not emphasised and not word.isupper()
    ]
    if negative:
        flag(
            "negative_stem",
            f"The question asks in the negative (“{negative[0]}”), which is easy to misread. "
            "Ask it in the positive if you can; if not, make the word bold or write it in "
            "CAPITALS.",
        )
    groups = [("options", [text for text, _ in question.options])]
    if question.pairs:
        groups += [
            ("prompts", [prompt for prompt, _ in question.pairs]),
            ("answers", [answer for _, answer in question.pairs]),
        ]
    for label, texts in groups:
        seen: set[str] = set()
        for text in texts:
            key = normalised(text)
            if not key:
                continue
            if key in seen:
                flag(
                    "duplicate_options",
                    f"Two {label} say the same thing (“{plain_text(text)}”). Learners cannot "
                    "tell them apart: reword or remove one.",
                )
                break
            seen.add(key)
    texts = [question.stem, *(text for text, _ in question.options)]
    texts += [prompt for prompt, _ in question.pairs]
    for text in texts:
        if any(not _alt(tag) for tag in PICTURE.findall(text or "")):
            flag(
                "image_without_alt",
                "A picture has no description (alt text), so a learner who cannot see it "
                "cannot answer. Edit the question, choose the picture and describe what it "
                "shows.",
            )
            break
    return flags


def _alt(tag: str) -> str:
    match = ALT.search(tag)
    return match.group(1).strip() if match else ""


# ---- quiz-level ---------------------------------------------------------------------------


def longest_right_summary(flagged: int, total: int) -> str:
    if not total:
        return "No single choice or multiple response questions to check for the longest option."
    percent = round(100 * flagged / total)
    noun = "question" if total == 1 else "questions"
    return f"Right answer is the longest option in {flagged} of {total} {noun} ({percent} %)"


def check_quiz(
    outcomes: Sequence[str],
    fixed: Iterable[QuestionData],
    draws: Sequence[DrawSlot],
    live: Iterable[QuestionData],
) -> QuizReport:
    """Quiz-level flags (6 to 9) and the pool's question-level flags.

    ``outcomes`` are the module's learning outcomes in order (numbered 1..N); ``fixed`` the
    questions in fixed slots; ``draws`` the draw slots; ``live`` every live question that a
    draw could pick from (only those carrying a draw's topic are used).
    """
    live = list(live)
    pool: list[QuestionData] = []
    seen: set[int] = set()

    def add(question: QuestionData) -> None:
        if id(question) not in seen:
            seen.add(id(question))
            pool.append(question)

    for question in fixed:
        add(question)
    flags: list[Flag] = []
    for draw in draws:
        tagged = [q for q in live if draw.topic in q.topics]
        for question in tagged:
            add(question)
        have = len(tagged)
        if have < draw.count:
            flags.append(
                Flag(
                    "topic_too_small",
                    f"The draw of {draw.count} from topic “{draw.topic}” cannot be filled: only "
                    f"{have} live question{'s carry' if have != 1 else ' carries'} that topic. Add "
                    f"at least {2 * draw.count - have} more, or draw fewer.",
                )
            )
        elif have < 2 * draw.count:
            flags.append(
                Flag(
                    "topic_too_small",
                    f"The draw of {draw.count} from topic “{draw.topic}” has only {have} live "
                    f"questions, so a resit would repeat questions. Add "
                    f"{2 * draw.count - have} more so there are at least {2 * draw.count}.",
                )
            )
    count = len(outcomes)
    for number, outcome in enumerate(outcomes, start=1):
        tagged = [q for q in pool if q.outcome == number]
        if not tagged:
            flags.append(
                Flag(
                    "outcome_without_question",
                    f"Learning outcome {number} (“{_short(outcome)}”) has no question. Write "
                    "questions that check it, and set their learning outcome to "
                    f"{number}.",
                )
            )
        scenarios = sum(1 for q in tagged if q.scenario)
        if scenarios < MIN_SCENARIOS:
            flags.append(
                Flag(
                    "outcome_few_scenarios",
                    f"Learning outcome {number} (“{_short(outcome)}”) has {scenarios} scenario "
                    f"question{'s' if scenarios != 1 else ''}; it needs at least "
                    f"{MIN_SCENARIOS}, where the learner applies what they learnt to a "
                    "situation rather than recalling a fact.",
                )
            )
    for question in pool:
        if question.outcome is None or not 1 <= question.outcome <= count:
            problem = (
                "has no learning outcome"
                if question.outcome is None
                else f"checks learning outcome {question.outcome}, but the module has only {count}"
            )
            flags.append(
                Flag(
                    "no_outcome",
                    f"The question {problem}. Set its learning outcome to the number of the "
                    "outcome it checks (1 for the first on the module page).",
                    question,
                )
            )
    question_flags = [(q, found) for q in pool if (found := check_question(q))]
    choice = [q for q in pool if q.type in (SINGLE, MULTIPLE)]
    longest = sum(1 for q, found in question_flags if any(f.code == "longest_right" for f in found))
    return QuizReport(flags, question_flags, longest, len(choice), len(pool))


def _short(text: str, limit: int = 60) -> str:
    text = plain_text(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---- YAML demo data -----------------------------------------------------------------------


def from_demo(data: dict, index: int = 0) -> QuestionData:
    """One question of a demo YAML file (format in ``courses.demo_content``)."""
    qtype = data.get("type", SINGLE)
    options = [
        (str(option.get("text", "")), Decimal(1) if option.get("correct") else Decimal(0))
        for option in data.get("options") or []
    ]
    if qtype == MULTIPLE:
        right = sum(1 for _, fraction in options if fraction > 0) or 1
        options = [(text, Decimal(1) / right if f > 0 else f) for text, f in options]
    outcome = data.get("outcome")
    return QuestionData(
        type=qtype,
        stem=str(data.get("stem", "")),
        options=options,
        pairs=[(str(pair[0]), str(pair[1])) for pair in data.get("pairs") or []],
        outcome=int(outcome) if outcome not in (None, "") else None,
        scenario=bool(data.get("scenario", False)),
        topics=[data["topic"]] if data.get("topic") else [],
        ref=index,
    )


def check_demo(data: dict) -> tuple[list[tuple[QuestionData, list[Flag]]], QuizReport]:
    """Check a demo YAML file: every question, then the module's quiz.

    Draws come from ``module.quiz.draws`` (lesson slug → count); without them every
    question is in the quiz, as in fixed slots.
    """
    module = data.get("module") or {}
    questions = [from_demo(q, i) for i, q in enumerate(data.get("questions") or [], start=1)]
    per_question = [(q, found) for q in questions if (found := check_question(q))]
    draws_data = (module.get("quiz") or {}).get("draws") or {}
    draws = [DrawSlot(str(topic), int(count)) for topic, count in draws_data.items()]
    if draws:
        report = check_quiz(module.get("outcomes") or [], [], draws, questions)
    else:
        report = check_quiz(module.get("outcomes") or [], questions, [], [])
    return per_question, report


# ---- saved and imported questions ---------------------------------------------------------
# Models are imported inside the functions, so the core above loads without Django.


def from_question(question) -> QuestionData:
    """A Question (saved, or held in memory by an admin form with its options and pairs)."""
    return QuestionData(
        type=question.type,
        stem=question.stem or "",
        options=[(o.text, Decimal(o.fraction)) for o in question.options.all()],
        pairs=[(p.prompt, p.answer) for p in question.pairs.all()],
        outcome=question.outcome,
        scenario=question.scenario,
        topics=[tag.name for tag in question.tags.all()],
        name=question.name,
        ref=question.pk,
    )


def from_parsed(parsed) -> QuestionData:
    """A question read from a GIFT or Moodle XML file, before it is saved."""
    return QuestionData(
        type=parsed.type,
        stem=parsed.stem,
        options=[(o.text, Decimal(o.fraction)) for o in parsed.options],
        pairs=[(p.prompt, p.answer) for p in parsed.pairs],
        topics=list(parsed.tags),
        name=parsed.name,
        ref=parsed.line,
    )


def question_flags(question) -> list[Flag]:
    return check_question(from_question(question))


@dataclass
class QuizQuality:
    quiz: object
    report: QuizReport


@dataclass
class QualityReport:
    quizzes: list[QuizQuality]
    outside: list[tuple[QuestionData, list[Flag]]]  # live questions in no quiz's pool


def quality_report() -> QualityReport:
    """Every quiz's check over its pool, and the live questions that no quiz uses."""
    from ..models import Question, Quiz

    prefetch = ("options", "pairs", "tags")
    questions = {
        q.pk: from_question(q)
        for q in Question.objects.filter(live=True).prefetch_related(*prefetch)
    }
    live = list(questions.values())
    quizzes = list(
        Quiz.objects.select_related("module").prefetch_related("slots").order_by("module__title")
    )
    slotted = {slot.question_id for quiz in quizzes for slot in quiz.slots.all()} - {None}
    for q in Question.objects.filter(pk__in=slotted - questions.keys()).prefetch_related(*prefetch):
        questions[q.pk] = from_question(q)  # a draft in a fixed slot is still in the quiz
    results, used = [], set()
    for quiz in quizzes:
        slots = list(quiz.slots.all())
        fixed = [questions[s.question_id] for s in slots if s.question_id in questions]
        draws = [DrawSlot(s.topic, s.count) for s in slots if not s.question_id and s.topic]
        outcomes = [block.value for block in quiz.module.learning_outcomes]
        report = check_quiz(outcomes, fixed, draws, live)
        used |= {q.ref for q in fixed}
        used |= {q.ref for q in live if any(d.topic in q.topics for d in draws)}
        results.append(QuizQuality(quiz, report))
    outside = [(q, check_question(q)) for q in live if q.ref not in used]
    return QualityReport(results, outside)
