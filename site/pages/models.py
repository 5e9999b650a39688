from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock


class IntroMixin(models.Model):
    """A short lead paragraph shown under the page heading."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences, shown large under the title."
    )

    class Meta:
        abstract = True


class HomePage(IntroMixin, Page):
    body = StreamField(ContentStreamBlock(), blank=True)
    support_text = RichTextField(
        blank=True,
        features=["bold", "link"],
        help_text="Shown in a panel beside the main content: where to get help now.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("support_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"


class StandardPage(IntroMixin, Page):
    """General content: about, accessibility statement, privacy notice, contact, get help."""

    body = StreamField(ContentStreamBlock(), blank=True)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "content page"
