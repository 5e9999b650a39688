"""Writing learners' progress. Safe against double submits and two open tabs."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .. import completion
from ..models import Enrolment, LessonCompletion, LessonPage, ModulePage, ReflectionNote
from ..selectors import current_enrolment, refresh_due
from ..signals import module_completed


def start_module(user, module: ModulePage, *, refresher: bool = False) -> Enrolment:
    """The learner's enrolment on the module, opening one if needed.

    A completed module stays completed while it is in date (learners can look back over
    it); a new enrolment is only opened when none exists, or when a refresher is due and
    asked for.
    """
    enrolment = current_enrolment(user, module)
    if enrolment is not None and (
        not enrolment.is_complete or not (refresher and refresh_due(enrolment))
    ):
        return enrolment
    try:
        with transaction.atomic():
            return Enrolment.objects.create(user=user, module=module)
    except IntegrityError:
        # Another request (a double click, a second tab) opened it first.
        return Enrolment.objects.get(user=user, module=module, completed_at__isnull=True)


def complete_lesson(user, lesson: LessonPage) -> tuple[Enrolment, bool]:
    """Record the lesson as done. Returns the enrolment and whether the module became complete.

    Marking a lesson twice, or from two tabs at once, leaves one record.
    """
    enrolment = start_module(user, lesson.module)
    if enrolment.is_complete:
        return enrolment, False
    # get_or_create re-reads after a unique-constraint clash, so a concurrent request
    # that recorded it first is not an error.
    LessonCompletion.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    return enrolment, refresh_completion(enrolment)


def refresh_completion(enrolment: Enrolment) -> bool:
    """Mark the enrolment complete if every completion rule now holds. True if it changed."""
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().select_related("module").get(pk=enrolment.pk)
        if locked.completed_at is not None or completion.outstanding(locked):
            return False
        locked.completed_at = timezone.now()
        locked.save(update_fields=["completed_at"])
        transaction.on_commit(lambda: module_completed.send(sender=Enrolment, enrolment=locked))
    enrolment.completed_at = locked.completed_at
    return True


def save_reflection(user, lesson: LessonPage, block_id: str, text: str) -> ReflectionNote:
    note, _ = ReflectionNote.objects.update_or_create(
        user=user, lesson=lesson, block_id=block_id, defaults={"text": text}
    )
    return note


def record_session_attendance(session) -> list[Enrolment]:
    """Named attendees of an in-person session on a module complete it, like e-learning.

    Each attendee gets one completed enrolment for the session (so one certificate);
    running this again after adding names only adds the new ones.
    """
    import datetime

    if session.module_id is None:
        return []
    moment = timezone.make_aware(datetime.datetime.combine(session.date, datetime.time(12)))
    created = []
    for user in session.attendees.all():
        if Enrolment.objects.filter(session=session, user=user).exists():
            continue
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                user=user,
                module_id=session.module_id,
                started_at=moment,
                completed_at=moment,
                session=session,
            )
        transaction.on_commit(
            lambda e=enrolment: module_completed.send(sender=Enrolment, enrolment=e)
        )
        created.append(enrolment)
    return created
