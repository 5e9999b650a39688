"""Giving out a certificate as a signed Open Badges 3.0 credential.

The only write is the certificate's status list entry, made the first time its credential
is asked for and kept from then on (see ``badges.models``).
"""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Max

from certificates.models import Certificate
from certificates.selectors import Status, status

from . import credential, signing, statuslist
from .models import LIST_SIZE, StatusEntry

ATTEMPTS = 20


class NotAvailable(Exception):
    """The certificate is not in date, so it is not given out as a credential."""


def _capacity() -> int:
    """The list holds at least twice as many entries as are taken: it grows by ``LIST_SIZE``
    when half full, so a random pick is free at least half the time."""
    taken = StatusEntry.objects.count()
    highest = StatusEntry.objects.aggregate(highest=Max("index"))["highest"]
    length = statuslist.length_for(highest)
    while taken * 2 >= length:
        length += LIST_SIZE
    return length


def status_entry(certificate: Certificate) -> StatusEntry:
    """The certificate's entry in the revocation list, allocated once (race-safe: the
    certificate and the index are both unique, and a clash is retried)."""
    for _ in range(ATTEMPTS):
        existing = StatusEntry.objects.filter(certificate=certificate).first()
        if existing is not None:
            return existing
        index = secrets.randbelow(_capacity())
        try:
            with transaction.atomic():
                return StatusEntry.objects.create(certificate=certificate, index=index)
        except IntegrityError:
            continue  # that index, or this certificate's entry, was taken meanwhile
    raise RuntimeError("Could not allocate a status list index.")


def issue_credential(certificate: Certificate) -> str:
    """The signed credential (a compact JWT) for an in-date certificate."""
    if status(certificate) not in (Status.VALID, Status.EXPIRING):
        raise NotAvailable(certificate.number)
    entry = status_entry(certificate)
    return signing.sign(credential.claims(certificate, entry), credential.TYP)
