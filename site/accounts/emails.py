"""Every email the project sends goes through :func:`send`.

It renders the subject and the plain-text body now, in the request, and queues a task
(:func:`accounts.tasks.send_email`) that the worker sends. So a request that sends an email
costs the same whoever it is for and however slow the mail server is, and the path that
writes to a new account is not told apart from the one that writes to an existing one by
the time it takes (see ``tests/accounts/test_enumeration.py``).

Templates come in pairs, ``<prefix>_subject.txt`` and ``<prefix>_message.txt``, like
allauth's. Only the text is sent: an HTML version would be one more place for stock wording
or copied text to hide. What goes in them is fixed wording and at most a link, never a name,
an address someone typed or the site's domain as a request gave it: an abuser may read the
email (``tests/accounts/test_emails.py``).

The only attachments are calendar invitations for a person's own training bookings
(``events.ics``): the course title, its dates, its place and a link, for their calendar.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django_tasks import task

# (filename, text content, MIME type), e.g. ("invitation.ics", "BEGIN:VCALENDAR...",
# "text/calendar; method=REQUEST").
Attachment = tuple[str, str, str]


def subject_line(subject: str) -> str:
    """One line, with the prefix every email has ("Safe City Learning: ")."""
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") or ""
    return prefix + " ".join(subject.split())


def render(template_prefix: str, context: dict | None = None) -> tuple[str, str]:
    """The subject line and plain-text body of ``template_prefix``."""
    context = context or {}
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}_message.txt", context).strip() + "\n"
    return subject_line(subject), body


def queue(
    to: list[str], subject: str, body: str, attachments: list[Attachment] | None = None
) -> None:
    """Hand a rendered email to the worker. The only place an email is queued."""
    from .tasks import send_email

    if attachments:
        send_email_with_attachments.enqueue(
            to=list(to), subject=subject, body=body, attachments=[list(a) for a in attachments]
        )
    else:
        send_email.enqueue(to=list(to), subject=subject, body=body)


def send(
    template_prefix: str,
    to: str | list[str],
    context: dict | None = None,
    attachments: list[Attachment] | None = None,
) -> None:
    """Render ``template_prefix`` for ``to`` now and queue it for sending."""
    recipients = [to] if isinstance(to, str) else list(to)
    subject, body = render(template_prefix, context)
    queue(recipients, subject, body, attachments)


@task()
def send_email_with_attachments(
    to: list[str], subject: str, body: str, attachments: list[list[str]]
) -> int:
    """Like ``accounts.tasks.send_email``, with text attachments (calendar invitations)."""
    from django.core.mail import EmailMessage

    message = EmailMessage(subject=subject, body=body, to=to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send()
