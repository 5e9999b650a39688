"""The glossary: abbreviations and terms used in lessons, each with a plain-English definition
and the public source it was checked against.

Terms are snippets that editors draft and moderators publish, like support services. Live
terms are listed on the glossary page and marked on their first use in each lesson
(:mod:`glossary.marking`).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.search import index


def split_spellings(text: str) -> list[str]:
    """ "MARAC, Maracs" -> ["MARAC", "Maracs"]."""
    return [part.strip() for part in text.split(",") if part.strip()]


def term_anchor(term: str) -> str:
    """The id of a term's entry on the glossary page: "IDVA" -> "term-idva"."""
    return "term-" + slugify(term)


class GlossaryTerm(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    term = models.CharField(
        max_length=40,
        unique=True,
        help_text="As it is written in lessons, for example IDVA or Marac. Matched as a whole "
        "word, with capitals exactly as typed.",
    )
    expansion = models.CharField(
        max_length=200,
        help_text="What the letters stand for, in lower case unless it is a name: "
        "independent domestic violence adviser. Shown when someone hovers over the term.",
    )
    definition = models.TextField(
        help_text="One or two plain-English sentences. Only what the source says."
    )
    also_matches = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other spellings to mark, separated by commas: MARAC, IDVAs.",
    )
    source_title = models.CharField(max_length=300)
    source_url = models.URLField("source link", max_length=500)
    date_checked = models.DateField(help_text="When the definition was last checked at the source.")
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="glossary_term")

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("definition"),
        FieldPanel("also_matches"),
        FieldPanel("source_title"),
        FieldPanel("source_url"),
        FieldPanel("date_checked"),
    ]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("expansion"),
        index.SearchField("definition"),
        # The admin's listing searches as you type, through these.
        index.AutocompleteField("term"),
        index.AutocompleteField("expansion"),
        index.AutocompleteField("definition"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    @property
    def anchor(self) -> str:
        return term_anchor(self.term)

    def spellings(self) -> list[str]:
        """Every spelling marked in lessons, the term itself first."""
        return [self.term, *(s for s in split_spellings(self.also_matches) if s != self.term)]

    def clean(self):
        super().clean()
        self.term = self.term.strip()
        if not slugify(self.term):
            raise ValidationError({"term": "Use at least one letter or number."})


class GlossaryPage(Page):
    """The one glossary page: every live term, A to Z, each with its source."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences, shown large under the title."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request, *args, **kwargs):
        from .selectors import live_terms

        context = super().get_context(request, *args, **kwargs)
        context["terms"] = live_terms()
        return context
