"""The small rich-text editor of a question's inline texts.

Imported only when a form is built: Wagtail's rich-text converters need the app registry.
"""

from wagtail.admin.rich_text import DraftailRichTextArea

# What an inline text (an option, its feedback, a matching prompt, an accepted answer's
# feedback) may hold: it sits inside a label or a sentence, so no headings, lists or paragraphs
# of its own. The same pictures and document links as the stem, so an imported question keeps
# them when an editor saves it.
INLINE_FEATURES = ["bold", "italic", "superscript", "subscript", "link", "document-link", "image"]


class InlineRichTextArea(DraftailRichTextArea):
    """The rich-text editor for a question's inline texts (see INLINE_FEATURES).

    Draftail writes each line as a paragraph; the model (courses.models.SanitisedTexts) removes
    a lone paragraph when the text is saved, as the importers do."""

    def __init__(self, *args, **kwargs):
        kwargs["features"] = INLINE_FEATURES
        super().__init__(*args, **kwargs)
