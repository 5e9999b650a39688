"""Question bank, quizzes, attempts and confidence ratings."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from ..question_admin_form import QuestionWithAnswersAdminForm
from ..quiz_formats import (
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
)
from ..quiz_formats.html import inline, sanitise_stored

# Pictures and file links too: an imported question's pictures are Wagtail images, and an
# editor must be able to keep (and fix the alt text of) them when editing the question.
STEM_FEATURES = ["bold", "italic", "ol", "ul", "link", "image", "document-link"]
TEXT_HELP = "Bold, italic, superscript, subscript, links and pictures from the image library."


class QuestionType(models.TextChoices):
    SINGLE = SINGLE, "Single choice"
    MULTIPLE = MULTIPLE, "Multiple response"
    TRUE_FALSE = TRUE_FALSE, "True or false"
    MATCHING = MATCHING, "Matching"
    SHORT_ANSWER = SHORT_ANSWER, "Short answer"
    NUMERICAL = NUMERICAL, "Numerical"


class ReviewWhen(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight after each attempt"
    AFTER_PASSING = "after_passing", "Only once the learner has passed"
    NEVER = "never", "Never"


class QuestionCategory(models.Model):
    name = models.CharField(max_length=200, unique=True)

    panels = [FieldPanel("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "question categories"

    def __str__(self):
        return self.name


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey("courses.Question", related_name="tagged_items")


class Question(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A question that any quiz can use. Tags are topics: quizzes draw by them, and a missed
    question points the learner to lessons with the same topic.

    Editors' changes are draft revisions (options, pairs and topics included) until a
    moderator publishes them; the row itself always holds the live version, which is all
    that learners ever see. A question that has never been published is not live.
    """

    name = models.CharField(max_length=200, help_text="A short name to find it by.")
    type = models.CharField(max_length=20, choices=QuestionType.choices)
    stem = RichTextField("question", features=STEM_FEATURES)
    general_feedback = RichTextField(
        blank=True,
        features=STEM_FEATURES,
        help_text="Shown after answering, whatever the answer: teach the point, name its source.",
    )
    category = models.ForeignKey(
        QuestionCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    tags = ClusterTaggableManager(through=QuestionTag, blank=True, verbose_name="topics")
    outcome = models.PositiveSmallIntegerField(
        "learning outcome",
        null=True,
        blank=True,
        help_text="Which of the module's learning outcomes this question checks: 1 for "
        "the first as listed on the module page.",
    )
    scenario = models.BooleanField(
        "scenario question",
        default=False,
        help_text="Ticked when the learner applies knowledge to a situation, not recall.",
    )
    case_sensitive = models.BooleanField(
        default=False,
        help_text='Short answer only: ticked when "Paris" and "paris" are different answers.',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("type")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("tags")]),
        FieldRowPanel([FieldPanel("outcome"), FieldPanel("scenario")]),
        FieldPanel("stem"),
        InlinePanel(
            "options",
            label="Option",
            heading="Options (single choice, multiple response, true or false)",
            help_text="Fraction: 1 for a right answer; for multiple response, the right "
            "answers' fractions add up to 1 (e.g. 0.5 and 0.5). Wrong answers 0 or negative.",
        ),
        InlinePanel("pairs", label="Pair", heading="Pairs (matching questions)"),
        InlinePanel(
            "answers",
            label="Accepted answer",
            heading="Accepted answers (short answer, numerical)",
            help_text="Checked in this order; the first that matches gives the mark. Short "
            "answer: * stands for any characters (\\* for a star), e.g. *Refuge*. Numerical: "
            "a number, accepted give or take the tolerance, or * for any other number. One "
            "answer must have the fraction 1.",
        ),
        FieldPanel("case_sensitive"),
        InlinePanel(
            "units",
            label="Unit",
            heading="Units (numerical, optional)",
            help_text="Units a learner may type after the number; they are not marked. The "
            "first unit has the multiplier 1 (e.g. m 1, cm 100).",
        ),
        FieldPanel("general_feedback"),
    ]
    base_form_class = QuestionWithAnswersAdminForm
    search_fields = [
        index.SearchField("name"),
        index.SearchField("stem"),
        index.AutocompleteField("name"),
        index.FilterField("type"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SanitisedTexts:
    """A question's inline texts are sanitised HTML in Wagtail's database format
    (courses.quiz_formats.html), edited with a small rich-text editor (InlineRichTextArea):
    sanitised when the form is checked (so the draft revision is clean too) and again when
    saved, and made inline (courses.quiz_formats.html.inline), as the importers store them."""

    html_fields: tuple[str, ...] = ()

    def sanitise_texts(self) -> None:
        for name in self.html_fields:
            setattr(self, name, inline(sanitise_stored(getattr(self, name))))

    def clean(self):
        super().clean()
        self.sanitise_texts()

    def save(self, *args, **kwargs):
        self.sanitise_texts()
        super().save(*args, **kwargs)


class InlineTextPanel(FieldPanel):
    """A question's inline text, edited with courses.question_widgets.InlineRichTextArea."""

    def get_form_options(self):
        from ..question_widgets import InlineRichTextArea

        options = super().get_form_options()
        options.setdefault("widgets", {})[self.field_name] = InlineRichTextArea
        return options


def _html_panel(name: str) -> FieldPanel:
    return InlineTextPanel(name)


class QuestionOption(SanitisedTexts, Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.TextField(max_length=2000, help_text=TEXT_HELP)
    fraction = models.DecimalField(
        max_digits=6,
        decimal_places=5,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))],
    )
    feedback = models.TextField(blank=True, max_length=4000, help_text=TEXT_HELP)

    html_fields = ("text", "feedback")
    panels = [_html_panel("text"), FieldPanel("fraction"), _html_panel("feedback")]

    def __str__(self):
        return self.text


class QuestionPair(SanitisedTexts, Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="pairs")
    prompt = models.TextField(
        max_length=2000,
        blank=True,
        help_text="Leave empty for an extra wrong answer. " + TEXT_HELP,
    )
    answer = models.CharField(max_length=300, help_text="Plain text: it is shown in a list.")

    html_fields = ("prompt",)
    panels = [FieldRowPanel([_html_panel("prompt"), FieldPanel("answer")])]

    def __str__(self):
        return f"{self.prompt} → {self.answer}"


class QuestionAnswer(SanitisedTexts, Orderable):
    """An accepted answer of a short-answer or numerical question (Moodle's answers)."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(
        max_length=255,
        help_text="Short answer: the words, * for any characters. Numerical: a number, or *.",
    )
    fraction = models.DecimalField(
        max_digits=6,
        decimal_places=5,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(-1)), MaxValueValidator(Decimal(1))],
    )
    tolerance = models.DecimalField(
        max_digits=24,
        decimal_places=10,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Numerical only: accepted give or take this much (empty: exactly).",
    )
    feedback = models.TextField(blank=True, max_length=4000, help_text=TEXT_HELP)

    html_fields = ("feedback",)
    panels = [
        FieldRowPanel([FieldPanel("answer"), FieldPanel("fraction"), FieldPanel("tolerance")]),
        _html_panel("feedback"),
    ]

    def __str__(self):
        return self.answer


class QuestionUnit(Orderable):
    """A unit a learner may type after a numerical answer (optional, not marked)."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="units")
    unit = models.CharField(max_length=50)
    multiplier = models.DecimalField(
        max_digits=24,
        decimal_places=10,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.0000000001"))],
        help_text="How many of this unit make one of the answer's unit.",
    )

    panels = [FieldRowPanel([FieldPanel("unit"), FieldPanel("multiplier")])]

    def __str__(self):
        return self.unit


class Quiz(WorkflowMixin, DraftStateMixin, RevisionMixin, ClusterableModel):
    """The summative quiz of one module.

    Moderated like questions: the row (with its slots) is the live version; a quiz that has
    never been published cannot be taken.
    """

    module = models.OneToOneField(
        "courses.ModulePage", on_delete=models.PROTECT, related_name="quiz"
    )
    title = models.CharField(max_length=200, default="End of module quiz")
    intro = models.TextField(blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)", default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(default=0, help_text="0 means no limit.")
    minutes_between_attempts = models.PositiveIntegerField(
        default=0, help_text="How long a learner waits after an attempt before the next."
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Leave empty for no limit. Learners can always extend or switch it off.",
    )
    questions_per_page = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_options = models.BooleanField(default=True)
    show_correctness = models.CharField(
        "show whether answers were right",
        max_length=20,
        choices=ReviewWhen.choices,
        default=ReviewWhen.IMMEDIATELY,
    )
    show_feedback = models.CharField(
        max_length=20, choices=ReviewWhen.choices, default=ReviewWhen.IMMEDIATELY
    )
    show_right_answers = models.CharField(
        max_length=20, choices=ReviewWhen.choices, default=ReviewWhen.AFTER_PASSING
    )
    confidence_statements = models.TextField(
        blank=True,
        help_text="Optional: one statement per line, rated 1 to 5 before and after the module "
        "(for example: I feel confident asking someone about abuse).",
    )

    panels = [
        FieldPanel("module"),
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel(
            "slots",
            label="Question or draw",
            heading="Questions",
            help_text="Choose a question, or draw a number of questions at random by topic.",
            min_num=1,
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("minutes_between_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("questions_per_page"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
            ],
            heading="Rules",
        ),
        MultiFieldPanel(
            [
                FieldPanel("show_correctness"),
                FieldPanel("show_feedback"),
                FieldPanel("show_right_answers"),
            ],
            heading="Review after an attempt",
        ),
        FieldPanel("confidence_statements"),
    ]

    class Meta:
        verbose_name_plural = "quizzes"

    def __str__(self):
        return f"{self.title}: {self.module.title}"

    @property
    def statements(self) -> list[str]:
        return [line.strip() for line in self.confidence_statements.splitlines() if line.strip()]


class QuizSlot(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="slots"
    )
    topic = models.CharField(
        max_length=100, blank=True, help_text="Or draw at random from questions with this topic."
    )
    count = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="How many to draw by topic."
    )

    panels = [FieldPanel("question"), FieldRowPanel([FieldPanel("topic"), FieldPanel("count")])]

    def clean(self):
        if bool(self.question_id) == bool(self.topic.strip()):
            raise ValidationError("Choose a question, or give a topic to draw from (not both).")


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    FINISHED = "finished", "Finished"


class Attempt(models.Model):
    """One try at a quiz. It keeps a snapshot of exactly what was shown, so later edits to
    questions never change an attempt that has been graded."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(default=dict)
    answers = models.JSONField(default=dict, blank=True)
    submit_token = models.UUIDField(default=uuid.uuid4)
    score = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(max_digits=7, decimal_places=3, default=Decimal(0))
    percent = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="courses_attempt_number_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="in_progress"),
                name="courses_one_open_attempt_per_quiz",
            ),
            # A finished attempt has exactly one grade; an open one has none.
            models.CheckConstraint(
                condition=(
                    Q(
                        status="finished",
                        submitted_at__isnull=False,
                        score__isnull=False,
                        passed__isnull=False,
                    )
                    | Q(status="in_progress", submitted_at__isnull=True, score__isnull=True)
                ),
                name="courses_attempt_graded_iff_finished",
            ),
        ]

    def __str__(self):
        return f"Attempt {self.number} by {self.user_id} at {self.quiz_id}"

    @property
    def is_finished(self) -> bool:
        return self.status == AttemptStatus.FINISHED

    @property
    def questions(self) -> list[dict]:
        return self.snapshot.get("questions", [])


class ConfidenceStage(models.TextChoices):
    BEFORE = "before", "Before the module"
    AFTER = "after", "After the module"


class ConfidenceResponse(models.Model):
    """How confident a learner felt (1 to 5), before and after a module. Reported only in
    groups of five or more, never by name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="confidence_ratings"
    )
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=ConfidenceStage.choices)
    statement = models.CharField(max_length=300)
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "stage", "statement"],
                name="courses_one_rating_per_statement",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="courses_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.stage} {self.module_id}: {self.rating}"
