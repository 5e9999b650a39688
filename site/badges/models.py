"""Each certificate that has been given out as a credential holds one entry in the revocation
status list: a position (``index``) and the credential's id.

Positions are chosen at random from the list's free ones, not in issue order, so a
credential's position says nothing about when it was issued or who else was certified
alongside it (the Bitstring Status List's advice on herd privacy). The list is at least
``LIST_SIZE`` entries long and grows by that much whenever it is half full. The unique
index makes allocation safe when two requests race: the loser picks again.
"""

import uuid

from django.db import models

# 16 KB of bits: the Bitstring Status List minimum (herd privacy).
LIST_SIZE = 131_072


class StatusEntry(models.Model):
    certificate = models.OneToOneField(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="badge_status"
    )
    index = models.PositiveIntegerField(
        unique=True, help_text="Position in the revocation status list."
    )
    credential_id = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="The credential's urn:uuid."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "status list entry"
        verbose_name_plural = "status list entries"

    def __str__(self):
        return f"{self.index}"

    @property
    def credential_urn(self) -> str:
        return f"urn:uuid:{self.credential_id}"
