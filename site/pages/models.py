from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Page, RevisionMixin
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

    parent_page_types = ["pages.HomePage", "pages.StandardPage", "network.SafePlacesPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "content page"


class SupportService(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A service people can be sent to for help, chosen by "Get help" blocks everywhere.

    A changed phone number is changed here once. Editors draft; moderators publish.
    """

    name = models.CharField(max_length=150)
    slug = models.SlugField(unique=True)
    helps_with = models.TextField(help_text="What the service helps with, in a sentence or two.")
    who_for = models.CharField("who it is for", max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    hours = models.CharField(max_length=150, blank=True, help_text="Leave blank if not published.")
    url = models.URLField("website", blank=True)
    source = models.CharField(
        max_length=300, help_text="Where the phone number and details are published."
    )
    date_checked = models.DateField(help_text="When the details were last checked at the source.")
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="support_service")

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("helps_with"),
        FieldPanel("who_for"),
        FieldPanel("phone"),
        FieldPanel("hours"),
        FieldPanel("url"),
        FieldPanel("source"),
        FieldPanel("date_checked"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("helps_with")]

    class Meta:
        ordering = ["name"]
        verbose_name = "support service"

    def __str__(self):
        return self.name

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
