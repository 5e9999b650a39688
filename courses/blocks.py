"""Blocks for lesson bodies.

Every lesson ends with a sources block (enforced in ``LessonPage.clean``): each fact in a
module must be traceable to a public source.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
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
    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=120, required=False)

    class Meta:
        icon = "doc-full"
        label = "Downloadable document"
        template = "courses/blocks/document.html"


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
