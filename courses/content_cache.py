"""What a cached lesson body depends on besides its own revision (courses_tags.lesson_body).

A lesson shows content that lives elsewhere and changes without the lesson being published
again: support services (numbers, hours, "last checked"), glossary terms, pictures, documents
and links to other pages. Any save or deletion of one of those moves a content version that
is part of every lesson body's cache key, so no lesson shows a superseded helpline number or
a picture that has been replaced. "Open now" and "Closed now" depend on the minute, so a body
with a support service is cached per minute (Europe/London) as well.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "courses:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 0, None)
        version = cache.get(VERSION_KEY, 0)
    return version


def _bump(sender, instance, **kwargs) -> None:
    if not isinstance(instance, _content_classes()):
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new value differs from the old keys'
        cache.set(VERSION_KEY, 1, None)


def _content_classes() -> tuple[type, ...]:
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage, AbstractRendition
    from wagtail.models import Page

    from glossary.models import GlossaryTerm
    from pages.models import ServiceHours, SupportService

    return (
        Page,
        SupportService,
        ServiceHours,
        GlossaryTerm,
        AbstractImage,
        AbstractRendition,
        AbstractDocument,
    )


def connect() -> None:
    post_save.connect(_bump, dispatch_uid="courses.content_cache.save")
    post_delete.connect(_bump, dispatch_uid="courses.content_cache.delete")
