"""The audit log: who approved, rejected, revoked, exported, imported, signed in or changed roles.

Call :func:`record` where the thing happens (in the same transaction, so a change that is
rolled back leaves no entry). Sign-ins, failed sign-ins, wrong two-factor codes, role changes
and deactivations are recorded by the signal receivers below, wherever they are made (our
views, allauth, Wagtail's user admin, a shell); sign-ins refused for too many attempts by the
adapter and :class:`SignInRefusalMiddleware`. Sign-in rows also hold the client address and
the user agent (shortened), for investigating an attack on an account.

Rows hold no more personal data than needed: the actor is a link to an account, the target a
type and an id, and summaries are fixed phrases with counts, numbers and filter values. Never
put a typed email address, a password, a free-text reason or a search phrase in a summary.
"""

import logging

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from wagtail.log_actions import get_active_log_context

from config import ratelimit

from .models import AuditEvent, User
from .roles import Role

logger = logging.getLogger("safecity.audit")

#: Every action recorded, with the label the audit screen's filter shows.
ACTIONS = {
    "api.call": "Data API call",
    "api.token_created": "API token issued",
    "api.token_revoked": "API token revoked",
    "login": "Sign-in",
    "login.failed": "Failed sign-in",
    "login.rate_limited": "Sign-in refused: too many attempts",
    "mfa.failed": "Wrong two-factor code",
    "role.added": "Role given",
    "role.removed": "Role removed",
    "account.deactivated": "Account deactivated",
    "account.reactivated": "Account reactivated",
    "venue.under_review": "Venue taken under review",
    "venue.approved": "Venue approved",
    "venue.rejected": "Venue rejected",
    "venue.suspended": "Venue suspended",
    "venue.lapsed": "Venue lapsed",
    "venue.claimed": "Venue contact confirmed",
    "venue.change_proposed": "Venue listing change sent for review",
    "venue.change_approved": "Venue listing change approved",
    "venue.change_rejected": "Venue listing change not accepted",
    "certificate.revoked": "Certificate revoked",
    "certificate.reissued": "Certificate reissued",
    "export.certificates_csv": "Export: certificates (CSV)",
    "export.certificates_zip": "Export: certificates (PDFs)",
    "export.coverage": "Export: coverage",
    "export.board_report": "Export: Board report",
    "export.questions": "Export: question bank (GIFT)",
    "import.staff": "Import: staff list",
    "import.questions": "Import: questions",
    "export.subject_access": "Export: one person's data",
    "account.erased": "Personal data erased",
    "agency.confirmed": "Agency membership confirmed",
    "agency.declined": "Agency membership declined",
    "coverage.nudged": "Reminder to take a required module",
}

ADMINISTRATOR = "Administrator"  # how ``is_superuser`` appears among role changes
# Everyone has this role and it grants nothing; recording it would add a row per sign-up.
UNAUDITED_GROUPS = frozenset({Role.LEARNER.value})
# Query-string keys whose values may be words typed about a person (a name, an email).
FREE_TEXT_KEYS = frozenset({"q", "search", "p"})

_max = {f.name: f.max_length for f in AuditEvent._meta.fields if f.max_length}


def _clip(value: str, field: str) -> str:
    limit = _max[field]
    return value if len(value) <= limit else value[: limit - 1] + "…"


def record(action: str, *, actor=None, target=None, summary: str = "", request=None) -> AuditEvent:
    """Write one audit entry (and the same line to the ``safecity.audit`` logger).

    ``actor`` is the user who did it (None for the system or someone unknown); ``target`` a
    model instance or None. Pass ``request`` for sign-in events: the client address (as
    config.ratelimit.client_ip derives it) and the browser's user agent are kept with them.
    """
    if actor is not None and not getattr(actor, "pk", None):
        actor = None  # AnonymousUser, or an unsaved user
    target_type = target_id = ""
    if target is not None:
        target_type = target._meta.label_lower
        target_id = str(target.pk)
    address, user_agent = None, ""
    if request is not None:
        address = ratelimit.client_ip(request)
        address = None if address == ratelimit.UNKNOWN else address
        user_agent = _clip(request.META.get("HTTP_USER_AGENT", ""), "user_agent")
    event = AuditEvent.objects.create(
        actor=actor,
        action=_clip(action, "action"),
        target_type=_clip(target_type, "target_type"),
        target_id=_clip(target_id, "target_id"),
        summary=_clip(summary, "summary"),
        client_ip=address,
        user_agent=user_agent,
    )
    logger.info(
        "audit %s actor=%s target=%s:%s %s",
        event.action,
        actor.pk if actor is not None else "-",
        target_type or "-",
        target_id or "-",
        event.summary,
    )
    return event


def describe_filters(query) -> str:
    """A short, data-minimised description of a request's filters (``request.GET``).

    Filter values (ids, statuses, dates) are kept; free text is reduced to "with a search".
    """
    parts, searched = [], False
    for key in sorted(query.keys()):
        values = [v for v in query.getlist(key) if v]
        if not values:
            continue
        if key in FREE_TEXT_KEYS:
            searched = True
            continue
        parts.append(f"{key[:30]}={','.join(v[:40] for v in values)}")
    text = ", ".join(parts) if parts else "no filters"
    return text + ("; with a search" if searched else "")


def _current_user():
    """The person acting in the Wagtail admin, if this is happening in an admin request."""
    user = get_active_log_context().user
    return user if getattr(user, "pk", None) else None


# --- Signal receivers -----------------------------------------------------------------------


def on_login(sender, request, user, **kwargs):
    # The admin signs in through allauth too, so this covers every sign-in.
    record("login", actor=user, target=user, summary="Signed in", request=request)


def _account_for(typed) -> User | None:
    if isinstance(typed, str) and typed.strip():
        return User.objects.filter(email__iexact=typed.strip()).first()
    return None


def on_login_failed(sender, credentials, request=None, **kwargs):
    """A failed sign-in. Who tried is unknown (no actor); the target is the account if the
    address typed is one. What was typed is dropped."""
    account = _account_for(credentials.get("email") or credentials.get("username") or "")
    record("login.failed", target=account, summary="Failed sign-in", request=request)


#: One "refused" entry per address and account within this many seconds: a flood of refused
#: attempts must not become a flood of database writes.
REFUSALS_RECORDED_EVERY = 5 * 60


def sign_in_refused(request, typed_email: str = "", account=None) -> None:
    """A sign-in attempt (password or two-factor code) refused before it was checked,
    because of too many attempts. ``account`` if known, else the one ``typed_email`` is."""
    if account is None:
        account = _account_for(typed_email)
    address = ratelimit.client_ip(request)
    target = account.pk if account is not None else "-"
    if ratelimit.once(f"audit-refused:{address}:{target}", REFUSALS_RECORDED_EVERY):
        record(
            "login.rate_limited",
            target=account,
            summary="Sign-in refused: too many attempts",
            request=request,
        )


def on_mfa_failed(sender, request=None, user=None, reauthentication=False, **kwargs):
    """A wrong code from the authenticator app. At sign-in the password was right but who
    typed the code is unknown; when confirming identity the session is the account's own."""
    if reauthentication:
        summary, actor = "Wrong two-factor code when confirming identity", user
    else:
        summary, actor = "Wrong two-factor code at sign-in", None
    record("mfa.failed", actor=actor, target=user, summary=summary, request=request)


class SignInRefusalMiddleware:
    """Records sign-ins refused by allauth's per-address "login" limit, which answers 429
    before the form is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 429
            and request.method == "POST"
            and getattr(request.resolver_match, "url_name", None) == "account_login"
        ):
            sign_in_refused(request, request.POST.get("login", ""))
        return response


def _user_group_pairs(instance, reverse, pk_set):
    from django.contrib.auth.models import Group

    if reverse:  # group.user_set.add(...)
        return [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    return [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        # Remember what is about to go: post_clear is sent without it.
        related = instance.user_set if reverse else instance.groups
        instance._audit_cleared = set(related.values_list("pk", flat=True))
        return
    if action == "post_clear":
        pk_set, name = getattr(instance, "_audit_cleared", set()), "role.removed"
        instance._audit_cleared = set()
    elif action in ("post_add", "post_remove"):
        name = "role.added" if action == "post_add" else "role.removed"
    else:
        return
    if not pk_set:
        return
    actor = _current_user()
    for user, group in _user_group_pairs(instance, reverse, pk_set):
        if group.name in UNAUDITED_GROUPS:
            continue
        verb = "Given" if name == "role.added" else "Removed from"
        record(name, actor=actor, target=user, summary=f"{verb} the role {group.name}")


def before_user_saved(sender, instance, update_fields=None, **kwargs):
    instance._audit_before = None
    if not instance.pk:
        return
    if update_fields is not None and not {"is_active", "is_superuser"} & set(update_fields):
        return  # e.g. last_login on every sign-in
    instance._audit_before = (
        sender.objects.filter(pk=instance.pk).values_list("is_active", "is_superuser").first()
    )


def after_user_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if created or before is None:
        return
    was_active, was_superuser = before
    actor = _current_user()
    if was_active and not instance.is_active:
        record("account.deactivated", actor=actor, target=instance, summary="Account deactivated")
    elif not was_active and instance.is_active:
        record("account.reactivated", actor=actor, target=instance, summary="Account reactivated")
    if was_superuser != instance.is_superuser:
        record(
            "role.added" if instance.is_superuser else "role.removed",
            actor=actor,
            target=instance,
            summary=("Given the role " if instance.is_superuser else "Removed from the role ")
            + ADMINISTRATOR,
        )


def connect() -> None:
    """Connect the receivers; called once from ``accounts.signals`` (idempotent)."""
    user_logged_in.connect(on_login, dispatch_uid="accounts.audit.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.audit.login_failed")
    mfa_signals.authentication_failed.connect(
        on_mfa_failed, dispatch_uid="accounts.audit.mfa_failed"
    )
    m2m_changed.connect(
        on_groups_changed, sender=User.groups.through, dispatch_uid="accounts.audit.groups"
    )
    pre_save.connect(before_user_saved, sender=User, dispatch_uid="accounts.audit.user_pre")
    post_save.connect(after_user_saved, sender=User, dispatch_uid="accounts.audit.user_post")
