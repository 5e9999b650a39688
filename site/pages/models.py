from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
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
    def display_name(self) -> str:
        """The name without a copy of the number typed into it ("Police non-emergency: 101"
        shows as "Police non-emergency"), since the number is shown beside it."""
        name = self.name.strip()
        phone = self.phone.strip()
        if phone and name.endswith(phone):
            shorter = name[: -len(phone)].rstrip(" :-–—,")
            if shorter:
                return shorter
        return name

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class ContactPage(IntroMixin, Page):
    """The Contact page: the editor's text, then the contact and feedback form."""

    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    def serve(self, request, *args, **kwargs):
        from config.ratelimit import allow

        from .forms import ContactForm
        from .services import receive_contact_message

        if request.method != "POST":
            # "Tell us what you think" links here with ?topic=feedback.
            topic = request.GET.get("topic", "")
            initial = {"topic": topic} if topic in ContactMessage.Topic.values else {}
            return self._form(request, ContactForm(initial=initial))
        form = ContactForm(request.POST)
        if form.is_spam:
            return TemplateResponse(
                request, "pages/contact_refused.html", {"page": self, "refused": True}, status=400
            )
        if not form.is_valid():
            return self._form(request, form)
        # Counted only for complete messages, so correcting mistakes never locks anyone out.
        limit = getattr(settings, "CONTACT_MESSAGES_PER_HOUR", 5)
        if not allow(request, "contact-message", limit, 3600):
            return TemplateResponse(
                request, "pages/contact_refused.html", {"page": self}, status=429
            )
        receive_contact_message(
            topic=form.cleaned_data["topic"],
            message=form.cleaned_data["message"],
            reply_email=form.cleaned_data["reply_email"],
        )
        messages.success(
            request,
            "Your message has been sent. If you gave an email address, we will reply "
            "within 10 working days.",
        )
        return redirect(self.url)

    def _form(self, request, form):
        from .forms import MESSAGE_MAX

        context = self.get_context(request)
        context["contact_form"] = form
        context["message_max"] = MESSAGE_MAX
        context["form"] = form if form.is_bound else None  # the page's error summary
        return TemplateResponse(request, self.get_template(request), context)


class ContactMessage(models.Model):
    """A message sent from the Contact page. Read in the admin by the coordinator; deleted
    after ``CONTACT_MESSAGE_RETENTION_DAYS`` (``manage.py delete_old_contact_messages``)."""

    class Topic(models.TextChoices):
        TRAINING = "training", "Training, quizzes or certificates"
        ACCOUNT = "account", "Your account or signing in"
        SAFE_PLACES = "safe_places", "Safe Places"
        WEBSITE = "website", "This website or its accessibility"
        FEEDBACK = "feedback", "Feedback: tell us what you think"
        OTHER = "other", "Something else"

    topic = models.CharField(max_length=20, choices=Topic.choices)
    message = models.TextField()
    reply_email = models.EmailField(
        "reply email", blank=True, help_text="Given by the sender if they want a reply."
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "contact message"

    def __str__(self):
        return f"{self.get_topic_display()} ({timezone.localtime(self.received_at):%d %b %Y})"
