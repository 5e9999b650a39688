"""StreamField blocks shared by every page type, rendered as GOV.UK Frontend components."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Level 2"), ("h3", "Level 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "pick"
        label = "Inset text"
        template = "blocks/inset_text.html"


class WarningTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, help_text="A short, important warning.")

    class Meta:
        icon = "warning"
        label = "Warning text"
        template = "blocks/warning_text.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        label = "Details (expandable)"
        template = "blocks/details.html"


class ButtonLinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"
        label = "Button link"
        template = "blocks/button_link.html"


class GetHelpBlock(blocks.StructBlock):
    """A list of support services. Numbers live in the services, so they change once."""

    heading = blocks.CharBlock(max_length=120, default="Where to get help")
    services = blocks.ListBlock(SnippetChooserBlock("pages.SupportService"), min_num=1)

    class Meta:
        icon = "warning"
        label = "Get help"
        template = "blocks/get_help.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph.html")
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    button = ButtonLinkBlock()
    get_help = GetHelpBlock()
