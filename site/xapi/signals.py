"""Receivers turning learning events into statements, after the event's transaction commits.

Connected in ``XapiConfig.ready``. Each returns at once when no LRS is configured. Recording
runs on commit with ``robust=True``: a problem here is logged and never undoes or breaks the
learner's own action.
"""

from functools import partial

from django.db import transaction

from . import conf, services


def _later(function, pk) -> None:
    transaction.on_commit(partial(function, pk), robust=True)


def enrolment_saved(sender, instance, created, raw=False, **kwargs):
    # An enrolment created complete is an in-person attendance, not a launch.
    if conf.enabled() and created and not raw and instance.completed_at is None:
        _later(services.record_launched, instance.pk)


def lesson_completed(sender, instance, created, raw=False, **kwargs):
    if conf.enabled() and created and not raw:
        _later(services.record_progressed, instance.pk)


def module_completed(sender, enrolment, **kwargs):
    # Sent on commit already.
    if conf.enabled():
        try:
            services.record_completed(enrolment.pk)
        except Exception:  # never break certificates or other receivers
            services.logger.exception("xAPI: could not record completion %s", enrolment.pk)


def attempt_graded(sender, attempt, **kwargs):
    # Sent on commit already.
    if conf.enabled():
        try:
            services.record_graded(attempt.pk)
        except Exception:  # never break the learner's submission or other receivers
            services.logger.exception("xAPI: could not record grading %s", attempt.pk)


def booking_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    from events.models import BookingState

    if not conf.enabled() or raw or instance.state != BookingState.ATTENDED:
        return
    if update_fields is None or "state" in update_fields or "enrolment" in update_fields:
        _later(services.record_attended, instance.pk)
