"""The outbox of xAPI statements, and the pseudonym each learner is known by in the LRS."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class LearnerPseudonym(models.Model):
    """The random id a person is known by in the Learning Record Store.

    Never their email, name or account number: the LRS (often run by someone else) can
    tell one learner's statements apart but not who they are. Deleted when the person is
    erased, after which statements already sent can no longer be linked to them.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_pseudonym"
    )
    pseudonym = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return str(self.pseudonym)


class Statement(models.Model):
    """One xAPI statement waiting to be sent, or sent.

    ``id`` is derived from ``key`` (the event: ``completed:enrolment:12``), so one event
    never makes two statements, and the LRS, which stores a statement id once, never holds
    two copies even when a send is repeated.
    """

    id = models.UUIDField(primary_key=True, editable=False)
    key = models.CharField(max_length=100, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_statements"
    )
    verb = models.CharField(max_length=20)
    payload = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Failed sends so far.")
    next_attempt_at = models.DateTimeField(
        default=timezone.now,
        help_text="Not sent before this moment: the backoff after a failure, or the lease "
        "of the worker sending it now.",
    )
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "key"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True),
                name="xapi_statement_due",
            )
        ]

    def __str__(self):
        return self.key

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
