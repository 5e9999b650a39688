"""Blocks for lesson bodies.

Every lesson ends with a sources block (enforced in ``LessonPage.clean``): each fact in a
module must be traceable to a public source.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks, hooks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from pages.blocks import RICH_TEXT_FEATURES, GetHelpBlock, HeadingBlock

SIMPLE_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="A link to the video (for example on YouTube or Vimeo).")
    title = blocks.CharBlock(max_length=120)
    transcript = blocks.RichTextBlock(
        features=SIMPLE_FEATURES,
        help_text="A full transcript is required, for people who cannot hear or watch.",
    )

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"


class KeyFactBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SIMPLE_FEATURES)

    class Meta:
        icon = "pick"
        label = "Key fact"
        template = "courses/blocks/key_fact.html"


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    scenario = blocks.RichTextBlock(
        features=SIMPLE_FEATURES,
        help_text="An anonymised scenario. Never use a real person's details.",
    )
    questions = blocks.RichTextBlock(
        features=SIMPLE_FEATURES, required=False, help_text="Questions to think about."
    )
    discussion = blocks.RichTextBlock(
        features=SIMPLE_FEATURES,
        required=False,
        help_text="What a good response looks like; shown behind a 'Show discussion' link.",
    )

    class Meta:
        icon = "user"
        label = "Case study"
        template = "courses/blocks/case_study.html"


class PracticePointBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=SIMPLE_FEATURES)

    class Meta:
        icon = "tick"
        label = "Practice point"
        template = "courses/blocks/practice_point.html"


class LegislationBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    citation = blocks.CharBlock(
        max_length=250, help_text="For example: Domestic Abuse Act 2021, s1"
    )
    url = blocks.URLBlock(required=False, help_text="Link to the text on legislation.gov.uk")

    class Meta:
        icon = "openquote"
        label = "Legislation quote"
        template = "courses/blocks/legislation.html"


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=SIMPLE_FEATURES)


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(AccordionSectionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/accordion.html"


class DocumentBlock(blocks.StructBlock):
    """A handout. Lessons are for signed-in learners, and so are their documents: see
    :func:`lesson_documents_need_sign_in`."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "doc-full"
        label = "Downloadable document"
        template = "courses/blocks/document.html"


def used_in_a_lesson(document) -> bool:
    """Whether any lesson (published or not) offers ``document``, in a document block or a
    rich text link. Read from the lessons themselves, not Wagtail's reference index, which
    is brought up to date by a background task and may lag behind a publish."""
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from wagtail.documents.models import AbstractDocument

    from .models import LessonPage

    stream_block = LessonPage._meta.get_field("body").stream_block
    # A cheap filter in the database (the id's digits appear in the stored JSON), then the
    # exact check with Wagtail's own reference extraction.
    candidates = LessonPage.objects.annotate(raw=Cast("body", TextField())).filter(
        raw__contains=str(document.pk)
    )
    for lesson in candidates.only("pk", "body").iterator():
        for model, object_id, *_ in stream_block.extract_references(lesson.body):
            if issubclass(model, AbstractDocument) and str(object_id) == str(document.pk):
                return True
    return False


@hooks.register("before_serve_document")
def lesson_documents_need_sign_in(document, request):
    """Anonymous visitors are sent to sign in for a document used in a lesson, wherever it is
    filed (the "Lesson documents" collection is also restricted to signed-in users)."""
    if request.user.is_authenticated:
        return None
    if used_in_a_lesson(document):
        return redirect_to_login(request.get_full_path())
    return None


class ReflectionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    hint = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "help"
        label = "Reflection question"
        template = "courses/blocks/reflection.html"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    url = blocks.URLBlock(required=False)
    date_checked = blocks.DateBlock()


class SourcesBlock(blocks.StructBlock):
    sources = blocks.ListBlock(SourceBlock(), min_num=1)

    class Meta:
        icon = "link"
        label = "Sources"
        template = "courses/blocks/sources.html"


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph.html")
    image = ImageBlock()
    video = VideoBlock()
    key_fact = KeyFactBlock()
    case_study = CaseStudyBlock()
    practice_point = PracticePointBlock()
    legislation = LegislationBlock()
    accordion = AccordionBlock()
    document = DocumentBlock()
    reflection = ReflectionBlock()
    get_help = GetHelpBlock()
    sources = SourcesBlock()

    def clean(self, value):
        value = super().clean(value)
        if not value or value[-1].block_type != "sources":
            raise blocks.StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [ValidationError("Every lesson must end with a Sources block.")]
                )
            )
        return value
