"""Writes for the pages app: messages from the Contact page."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts import emails
from accounts.models import User
from config import site_url

from .models import ContactMessage

READ_PERMISSION = "view_contactmessage"


def team_addresses() -> list[str]:
    """Everyone who may read contact messages (the coordinator role, and administrators)."""
    permission = Permission.objects.filter(
        codename=READ_PERMISSION, content_type__app_label="pages"
    ).first()
    people = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(groups__permissions=permission) | Q(user_permissions=permission)
    )
    return sorted(set(people.values_list("email", flat=True)))


def receive_contact_message(*, topic: str, message: str, reply_email: str = "") -> ContactMessage:
    """Store a message and email the team a fixed phrase and a link to read it in the admin
    (never the message or the sender's address: anyone may have typed them)."""
    stored = ContactMessage.objects.create(topic=topic, message=message, reply_email=reply_email)
    link = site_url.absolute(reverse("contact_messages:inspect", args=[stored.pk]))
    for address in team_addresses():
        emails.send("pages/email/contact_message", address, {"link": link})
    return stored


def delete_old_contact_messages(now=None) -> int:
    """Delete messages older than ``CONTACT_MESSAGE_RETENTION_DAYS`` (365 by default)."""
    days = getattr(settings, "CONTACT_MESSAGE_RETENTION_DAYS", 365)
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = ContactMessage.objects.filter(received_at__lt=cutoff).delete()
    return deleted
