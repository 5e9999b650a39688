"""Index once per object at the end of a bulk load, not on every save.

Building the demo saves each page, question and quiz several times (create, revision,
publish), and every save queues a search-index and a reference-index update. Inside
``indexing_deferred()`` those updates are collected and queued once per object when the
block ends, through the same tasks Wagtail would have used, so the indexes end up exactly
as they would have been. The signal handlers are global: use this only in a management
command, never in a request.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.tasks import insert_or_update_object_task
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

UID = "pages.indexing_deferred"


@contextmanager
def indexing_deferred():
    searched = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    referenced = set(ReferenceIndex.tracked_models)
    saved: dict[tuple[type, object], None] = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and (sender in referenced or sender in searched):
            saved[(sender, instance.pk)] = None

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid=UID)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid=UID)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pk in saved:
        arguments = (model._meta.app_label, model._meta.model_name, str(pk))
        if model in referenced:
            update_reference_index_task.enqueue(*arguments)
        if model in searched:
            insert_or_update_object_task.enqueue(*arguments)
