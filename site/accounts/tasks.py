"""Background work for accounts (run by ``db_worker`` in production)."""

from django_tasks import task

from . import privacy


@task()
def apply_retention_task(years: int | None = None) -> dict[str, int]:
    """Erase people whose training records are past the retention period. Queue it daily."""
    return privacy.apply_retention(years=years)


@task()
def send_email(to: list[str], subject: str, body: str) -> int:
    """Send one email rendered by ``accounts.emails.send``: plain text, no HTML version."""
    from django.core.mail import EmailMessage

    return EmailMessage(subject=subject, body=body, to=to).send()
