"""People's rights over their data: subject-access export, erasure, and retention.

- :func:`export_user_data` / :func:`export_user_csv` give one person everything we hold
  about them (the coordinator downloads it for them; see ``privacy_views``).
- :func:`erase_user` removes their personal data everywhere while the aggregate training
  record stays: the account row is kept but anonymised, so enrolments, attempts and
  certificates still count in coverage and quiz statistics without saying whose they were,
  and certificates still verify ("valid, issued DATE for MODULE", no name).
- :func:`apply_retention` erases learners with no activity for N years
  (``TRAINING_RECORD_RETENTION_YEARS``, 6 by default); run daily as a background task.

Every relation to the user model must be listed in :data:`COVERED` with what export and
erasure do with it: ``tests/accounts/test_privacy.py`` fails for any model that points at a
user and is not listed, so nobody adds personal data without deciding how it is exported
and erased.
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from config import spreadsheets

from .models import AuditEvent, User
from .roles import STAFF_ROLES

logger = logging.getLogger("safecity.audit")

ERASED_DOMAIN = "erased.invalid"
DEFAULT_RETENTION_YEARS = 6
# Names shorter than this are not searched for in free text (log notes): they would match
# ordinary words. The person's own rows are anonymised whatever the length.
MIN_NAME_TO_SCRUB = 4
SCRUBBED = "[erased]"


# --- What happens to each relation to a person ---------------------------------------------


@dataclass(frozen=True)
class Treatment:
    export: str
    erase: str


KEEP = "kept, pointing at the anonymised account"

# "app_label.model.field" for every field (FK, one-to-one, many-to-many) that points at
# the user model. tests/accounts/test_privacy.py checks this list against the models.
COVERED: dict[str, Treatment] = {
    # Our own apps
    "accounts.auditevent.actor": Treatment(
        "exported (action, when)",
        KEEP + "; the old email or name is removed from summaries",
    ),
    "accounts.user.agency_confirmed_by": Treatment(
        "not exported (a staff action on someone else's record)",
        KEEP + " (the membership they confirmed stays confirmed)",
    ),
    "courses.enrolment.user": Treatment(
        "exported", KEEP + " (coverage and completion counts stay right)"
    ),
    "courses.reflectionnote.user": Treatment("exported (their own words)", "deleted"),
    "courses.attempt.user": Treatment(
        "exported (scores and dates; not the question bank)",
        KEEP + " (quiz statistics); snapshots hold questions, never names",
    ),
    "courses.confidenceresponse.user": Treatment(
        "exported", KEEP + " (reported only in groups of five or more)"
    ),
    "courses.requiredtrainingreminder.user": Treatment(
        "exported (which reminder, the module, the due date, when sent)",
        "deleted (only there so a reminder is sent once)",
    ),
    "courses.facetofacesession.attendees": Treatment(
        "exported (sessions attended)", KEEP + " (attendance counts)"
    ),
    "scorm.scormregistration.user": Treatment(
        "exported (lesson, statuses, score, dates and the data the package saved)", "deleted"
    ),
    "scorm.scormpackage.uploaded_by": Treatment(
        "not exported (an editorial record: a SCORM package upload)", KEEP
    ),
    "courses.questionimport.uploaded_by": Treatment(
        "not exported (an editorial record: a question bank file and its import)", KEEP
    ),
    "events.booking.user": Treatment(
        "exported (course, session start, online or in person, state, when booked)",
        "bookings still to come (booked, waiting, offered) are deleted and their seats offered "
        "to the next person waiting; marked ones (attended, no-show, cancellations) are "
        + KEEP
        + " (attendance and no-show figures stay right)",
    ),
    "events.session.trainer": Treatment(
        "not exported (a staff duty on a session)", KEEP + " (the session keeps a trainer)"
    ),
    "certificates.certificate.user": Treatment(
        "exported (number, module, dates, status)",
        KEEP + "; the holder's name is blanked, so it verifies without a name",
    ),
    "certificates.certificate.revoked_by": Treatment(
        "not exported (a staff action on someone else's certificate)", KEEP
    ),
    "network.venuemembership.user": Treatment(
        "exported (venue, role, dates)",
        "deleted, with open invitations to their email; a venue they are the contact for "
        "must be reassigned first unless it is rejected or lapsed, whose contact details "
        "are then blanked",
    ),
    "network.venuechange.submitted_by": Treatment(
        "not exported (a change to a business's public listing)", KEEP
    ),
    "network.venuechange.decided_by": Treatment(
        "not exported (a staff decision on someone else's venue)",
        KEEP + "; the old email or name is removed from reasons",
    ),
    "dataapi.apitoken.created_by": Treatment(
        "not exported (a staff action: issuing an organisation's API token)", KEEP
    ),
    "dataapi.apitoken.revoked_by": Treatment(
        "not exported (a staff action: revoking an organisation's API token)", KEEP
    ),
    "xapi.learnerpseudonym.user": Treatment(
        "exported (the random id the Learning Record Store knows them by)",
        "deleted: statements already in the LRS can no longer be linked to them",
    ),
    "xapi.statement.user": Treatment(
        "exported (verb, activity, when, when sent)",
        "deleted, sent or not: unsent ones are never sent",
    ),
    # django-allauth
    "account.emailaddress.user": Treatment("exported", "deleted"),
    "mfa.authenticator.user": Treatment("exported (which kinds, never secrets)", "deleted"),
    "usersessions.usersession.user": Treatment(
        "exported (address, browser, dates)", "ended and deleted"
    ),
    # Wagtail: the person's own settings and transient editing state
    "wagtailusers.userprofile.user": Treatment(
        "not exported (admin display preferences)", "deleted, with the avatar file"
    ),
    "wagtailadmin.editingsession.user": Treatment("not exported (transient)", "deleted"),
    "wagtailadmin.formstate.user": Treatment("not exported (unsaved admin form drafts)", "deleted"),
    "wagtailcore.apitoken.user": Treatment("not exported (credentials)", "deleted"),
    "wagtailcore.pagesubscription.user": Treatment(
        "not exported (notification settings)", "deleted"
    ),
    "wagtailcore.uploadedfile.uploaded_by_user": Treatment(
        "not exported (unfinished uploads)", "deleted, with the file"
    ),
    # Wagtail: records of editorial work. They point at the account, which is anonymised;
    # log entries are also searched for the old email and name.
    "wagtailcore.page.owner": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.page.locked_by": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.revision.user": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.workflowstate.requested_by": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.taskstate.finished_by": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.comment.user": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.comment.resolved_by": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.commentreply.user": Treatment("not exported (editorial record)", KEEP),
    "wagtailcore.modellogentry.user": Treatment(
        "not exported (editorial record)",
        KEEP + "; labels and data naming them are rewritten",
    ),
    "wagtailcore.pagelogentry.user": Treatment(
        "not exported (editorial record)",
        KEEP + "; labels and data naming them are rewritten",
    ),
    "wagtailimages.image.uploaded_by_user": Treatment("not exported (media library)", KEEP),
    "wagtaildocs.document.uploaded_by_user": Treatment("not exported (media library)", KEEP),
}


# --- Subject-access export -------------------------------------------------------------------


def _when(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _reflection_question(lesson, block_id: str) -> str:
    for block in lesson.body:
        if block.id == block_id and block.block_type == "reflection":
            return block.value.get("question", "")
    return ""


def _scorm_rows(user: User) -> list[dict]:
    from scorm.selectors import export_rows

    return export_rows(user)


def _training_bookings(user: User) -> list[dict]:
    from django.db.models import Min

    from events.models import Booking

    return [
        {
            "course": row.session.course.title,
            "session_starts_at": _when(row.starts_at),
            "where": row.session.get_mode_display(),
            "state": row.get_state_display(),
            "booked_at": _when(row.created_at),
        }
        for row in Booking.objects.filter(user=user)
        .annotate(starts_at=Min("session__dates__starts_at"))
        .select_related("session__course")
        .order_by("created_at", "pk")
    ]


def _xapi_export(user: User) -> list[dict]:
    from xapi.services import export_for

    return export_for(user)


def export_user_data(user: User) -> dict:
    """Everything we hold about one person, as plain JSON-serialisable data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from certificates.selectors import LABELS, status
    from courses.models import (
        Attempt,
        ConfidenceResponse,
        Enrolment,
        FaceToFaceSession,
        LessonCompletion,
        ReflectionNote,
    )
    from courses.models.coverage import RequiredTrainingReminder
    from network.models import VenueMembership

    now = timezone.now()
    return {
        "exported_at": _when(now),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "job_role": user.get_job_role_display() if user.job_role else "",
            "agency": user.agency.name if user.agency_id else "",
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "active": user.is_active,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "email_addresses": [
            {"email": row.email, "verified": row.verified, "primary": row.primary}
            for row in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "signed_in_sessions": [
            {
                "ip": row.ip,
                "browser": row.user_agent,
                "signed_in_at": _when(row.created_at),
                "last_seen_at": _when(row.last_seen_at),
            }
            for row in UserSession.objects.filter(user=user).order_by("created_at")
        ],
        "enrolments": [
            {
                "module": row.module.title,
                "started_at": _when(row.started_at),
                "completed_at": _when(row.completed_at),
                "face_to_face_session": _when(row.session.date) if row.session_id else None,
            }
            for row in Enrolment.objects.filter(user=user)
            .select_related("module", "session")
            .order_by("started_at", "pk")
        ],
        "lesson_completions": [
            {
                "module": row.enrolment.module.title,
                "lesson": row.lesson.title,
                "completed_at": _when(row.completed_at),
            }
            for row in LessonCompletion.objects.filter(enrolment__user=user)
            .select_related("enrolment__module", "lesson")
            .order_by("completed_at", "pk")
        ],
        "scorm_lessons": _scorm_rows(user),
        "reflection_notes": [
            {
                "lesson": row.lesson.title,
                "question": _reflection_question(row.lesson, row.block_id),
                "text": row.text,
                "updated_at": _when(row.updated_at),
            }
            for row in ReflectionNote.objects.filter(user=user)
            .select_related("lesson")
            .order_by("updated_at", "pk")
        ],
        "quiz_attempts": [
            {
                "quiz": row.quiz.title,
                "module": row.quiz.module.title,
                "attempt": row.number,
                "status": row.get_status_display(),
                "started_at": _when(row.started_at),
                "submitted_at": _when(row.submitted_at),
                "score": str(row.score) if row.score is not None else None,
                "out_of": str(row.max_score),
                "percent": str(row.percent) if row.percent is not None else None,
                "passed": row.passed,
            }
            for row in Attempt.objects.filter(user=user)
            .select_related("quiz__module")
            .order_by("started_at", "pk")
        ],
        "confidence_ratings": [
            {
                "module": row.module.title,
                "stage": row.get_stage_display(),
                "statement": row.statement,
                "rating": row.rating,
                "at": _when(row.created_at),
            }
            for row in ConfidenceResponse.objects.filter(user=user)
            .select_related("module")
            .order_by("created_at", "pk")
        ],
        "certificates": [
            {
                "number": row.number,
                "name_on_certificate": row.holder_name,
                "module": row.module_title,
                "issued_at": _when(row.issued_at),
                "expires_at": _when(row.expires_at),
                "status": LABELS[status(row, now)],
                "revoked_at": _when(row.revoked_at),
                "revocation_reason": row.revoked_reason,
            }
            for row in user.certificates.select_related("superseded_by").order_by("issued_at")
        ],
        "face_to_face_sessions": [
            {
                "date": _when(row.date),
                "module": row.module.title if row.module_id else "",
                "topic": row.topic,
                "trainer": row.trainer,
                "agency": row.agency.name,
            }
            for row in FaceToFaceSession.objects.filter(attendees=user)
            .select_related("module", "agency")
            .order_by("date", "pk")
        ],
        "training_bookings": _training_bookings(user),
        "venue_memberships": [
            {
                "venue": row.venue.name,
                "role": row.get_role_display(),
                "invited_at": _when(row.invited_at),
                "joined_at": _when(row.joined_at),
            }
            for row in VenueMembership.objects.filter(user=user)
            .select_related("venue")
            .order_by("pk")
        ],
        "training_reminders": [
            {
                "reminder": row.get_kind_display(),
                "module": row.module.title if row.module_id else "",
                "due_on": _when(row.due_on),
                "sent_at": _when(row.sent_at),
            }
            for row in RequiredTrainingReminder.objects.filter(user=user)
            .select_related("module")
            .order_by("sent_at", "pk")
        ],
        "learning_record_store_statements": _xapi_export(user),
        "audit_events": [
            {"action": row.action, "at": _when(row.at)}
            for row in AuditEvent.objects.filter(actor=user).order_by("at", "pk")
        ],
    }


def _csv(rows: list[dict]) -> bytes:
    """One section as CSV, every cell through the shared formula-safe helper."""
    if not rows:
        return spreadsheets.csv_text(["No records"], []).encode("utf-8")
    return spreadsheets.csv_text(list(rows[0]), (row.values() for row in rows)).encode("utf-8")


def export_user_csv(user: User) -> bytes:
    """The same data as :func:`export_user_data`: a ZIP with one CSV file per section."""
    data = export_user_data(user)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("account.csv", _csv([data["account"]]))
        archive.writestr(
            "two_factor_methods.csv",
            _csv([{"method": method} for method in data["two_factor_methods"]]),
        )
        for section, rows in data.items():
            if isinstance(rows, list) and section != "two_factor_methods":
                archive.writestr(f"{section}.csv", _csv(rows))
    return stream.getvalue()


def export_filename(user: User, extension: str) -> str:
    """Named by account number, never by name or email (downloads folders get shared)."""
    return f"personal-data-{user.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_json(user: User) -> bytes:
    return json.dumps(export_user_data(user), indent=2, ensure_ascii=False).encode("utf-8")


# --- Erasure --------------------------------------------------------------------------------


class ErasureRefused(Exception):
    """Erasing this person now would break something; the message says what to do first."""


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


def erasure_problems(user: User) -> list[str]:
    """Why this person cannot be erased yet (empty when they can)."""
    from network.models import ACTIVE_STATUSES, Venue, VenueRole

    problems = []
    if user.is_superuser:
        problems.append("This is an administrator's account. Remove administrator rights first.")
    if user.groups.filter(name__in=STAFF_ROLES).exists():
        problems.append(
            "This person has a staff role, and their actions are on the audit record. "
            "An administrator must remove the role first."
        )
    # Only real memberships count: an application that merely typed their address (and
    # that nobody has claimed) never blocks anyone's erasure.
    venues = (
        Venue.objects.filter(status__in=ACTIVE_STATUSES)
        .filter(memberships__user=user, memberships__role=VenueRole.CONTACT)
        .distinct()
        .order_by("name")
    )
    for venue in venues:
        problems.append(
            f"They are the contact for the Safe Places venue {venue.name} "
            f"({venue.reference}), which is {venue.get_status_display().lower()}. "
            "Reassign the venue's contact first."
        )
    return problems


def _pattern(values: list[str]) -> re.Pattern | None:
    values = [value for value in values if value]
    if not values:
        return None
    return re.compile("|".join(re.escape(value) for value in values), re.IGNORECASE)


def _scrub(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub(SCRUBBED, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    return value


def _text_variants(value: str) -> list[str]:
    """The value as stored in text columns and inside JSON (escaped non-ASCII)."""
    escaped = json.dumps(value)[1:-1]
    return sorted({value, escaped})


def _scrub_text_rows(model, text_fields, json_fields, words: list[str], pattern) -> int:
    """Rewrite rows of ``model`` whose text or JSON mentions any of ``words``."""
    condition = Q()
    annotations = {}
    for field in text_fields:
        for word in words:
            condition |= Q(**{f"{field}__icontains": word})
    for field in json_fields:
        annotations[f"_{field}_text"] = Cast(field, TextField())
        for word in words:
            for variant in _text_variants(word):
                condition |= Q(**{f"_{field}_text__icontains": variant})
    changed = 0
    for row in model.objects.annotate(**annotations).filter(condition).iterator():
        updates = {}
        for field in (*text_fields, *json_fields):
            value = getattr(row, field)
            scrubbed = _scrub(value, pattern)
            if scrubbed != value:
                updates[field] = scrubbed
        if updates:
            model.objects.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed


def record_audit(action: str, *, actor, target, summary: str = "") -> None:
    """Record in the audit log (``accounts.audit``), or at least the log file without it."""
    try:
        from . import audit
    except ImportError:
        logger.info("%s: actor %s, user %s", action, getattr(actor, "pk", None), target.pk)
        return
    audit.record(action, actor=actor, target=target, summary=summary)


def erase_user(user: User, *, by) -> None:
    """Remove this person's personal data everywhere, keeping the anonymous training record.

    The account row stays, anonymised: email ``erased-<id>@erased.invalid``, no name, no job
    role, no password, inactive, no roles. Enrolments, completions, quiz attempts,
    confidence ratings and certificates keep pointing at it, so past figures (people
    trained per quarter, quiz statistics, attendance) do not change; current coverage
    counts only active accounts, so the person drops out of it.

    The **agency is kept**: it is not personal on its own (an agency has hundreds of staff)
    and it is what the historical coverage and "trained per quarter" figures are grouped
    by. The job role is blanked, because agency and role together can single someone out.

    Certificates keep number, code, module and dates but lose the holder's name, so
    ``/verify/<code>/`` still answers "valid, issued DATE for MODULE" without naming anyone.

    Raises :class:`ErasureRefused` for administrators, staff roles (their actions are on the
    audit record: an administrator removes the role first) and the contact of a Safe Places
    venue that is submitted, under review, approved or suspended (the venue needs a contact:
    reassign it first). A rejected or lapsed venue's contact details are blanked instead.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from wagtail.admin.models import EditingSession, FormState
    from wagtail.models import (
        APIToken,
        ModelLogEntry,
        PageLogEntry,
        PageSubscription,
        UploadedFile,
    )
    from wagtail.users.models import UserProfile

    from certificates.models import Certificate
    from courses.models import FaceToFaceSession, ReflectionNote
    from courses.models.coverage import RequiredTrainingReminder
    from network.models import ACTIVE_STATUSES, Venue, VenueChange, VenueMembership, VenueRole
    from scorm.models import ScormRegistration

    from .security import end_sessions_of

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if is_erased(user):
            return
        problems = erasure_problems(user)
        if problems:
            raise ErasureRefused(" ".join(problems))
        old_email, old_name = user.email, " ".join(user.full_name.split())
        words = [old_email]
        if len(old_name) >= MIN_NAME_TO_SCRUB:
            words.append(old_name)
        pattern = _pattern(words)

        # Their own words and their ways in.
        ReflectionNote.objects.filter(user=user).delete()
        ScormRegistration.objects.filter(user=user).delete()
        RequiredTrainingReminder.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        end_sessions_of(user)
        UserSession.objects.filter(user=user).delete()
        for profile in UserProfile.objects.filter(user=user):
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()
        for upload in UploadedFile.objects.filter(uploaded_by_user=user):
            upload.file.delete(save=False)
            upload.delete()
        EditingSession.objects.filter(user=user).delete()
        FormState.objects.filter(user=user).delete()
        APIToken.objects.filter(user=user).delete()
        PageSubscription.objects.filter(user=user).delete()

        # Safe Places: where they work, and contact details of venues no longer running.
        ended_venues = Venue.objects.exclude(status__in=ACTIVE_STATUSES).filter(
            Q(memberships__user=user, memberships__role=VenueRole.CONTACT)
            | Q(contact_email__iexact=old_email)
        )
        Venue.objects.filter(pk__in=ended_venues.values("pk")).update(
            lead_name="", contact_email="", contact_phone=""
        )
        # Open applications that typed their address but were never claimed by anyone:
        # the address goes, and with it the unused link sent to it.
        Venue.objects.filter(status__in=ACTIVE_STATUSES, contact_email__iexact=old_email).exclude(
            memberships__role=VenueRole.CONTACT
        ).update(contact_email="", claim_token_hash="")
        VenueMembership.objects.filter(
            Q(user=user) | Q(user__isnull=True, invited_email__iexact=old_email)
        ).delete()

        # Training bookings still to come: they will not attend; the seats go to others.
        from events.services import withdraw_for_erasure

        withdraw_for_erasure(user)

        # xAPI: their pseudonym and statements go; nothing more about them is sent.
        from xapi.services import forget as forget_xapi

        forget_xapi(user)

        # Certificates verify without a name.
        Certificate.objects.filter(user=user).update(holder_name="")

        # Copies of the name or email typed elsewhere: reasons, trainers, log labels and
        # notes, audit summaries.
        _scrub_text_rows(Certificate, ["revoked_reason"], [], words, pattern)
        _scrub_text_rows(Venue, ["status_reason"], [], words, pattern)
        _scrub_text_rows(VenueChange, ["reason"], [], words, pattern)
        _scrub_text_rows(FaceToFaceSession, ["trainer"], [], words, pattern)
        _scrub_text_rows(ModelLogEntry, ["label"], ["data"], words, pattern)
        _scrub_text_rows(PageLogEntry, ["label"], ["data"], words, pattern)
        _scrub_text_rows(AuditEvent, ["summary"], [], words, pattern)

        # The account itself.
        user.email = f"erased-{user.pk}@{ERASED_DOMAIN}"
        user.full_name = ""
        user.job_role = ""
        user.last_login = None
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        account_types = ContentType.objects.get_for_models(
            User, *User.__subclasses__(), for_concrete_models=False
        ).values()
        ModelLogEntry.objects.filter(
            content_type__in=list(account_types), object_id=str(user.pk)
        ).update(label=user.email)

        record_audit(
            "account.erased",
            actor=by,
            target=user,
            summary="Personal data erased" + ("" if by else " (retention period ended)"),
        )


# --- Retention ------------------------------------------------------------------------------


def retention_years() -> int:
    return int(getattr(settings, "TRAINING_RECORD_RETENTION_YEARS", DEFAULT_RETENTION_YEARS))


def _years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def inactive_since(cutoff: datetime.datetime):
    """Accounts, other than staff and administrators, with no activity since ``cutoff``.

    Activity: joining, signing in, starting or completing a module or lesson, a quiz attempt,
    a confidence rating or reflection, a certificate issued.
    """
    from certificates.models import Certificate
    from courses.models import (
        Attempt,
        ConfidenceResponse,
        Enrolment,
        LessonCompletion,
        ReflectionNote,
    )

    def since(queryset, *fields):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__gte": cutoff})
        return Exists(queryset.filter(condition))

    person = OuterRef("pk")
    recent = (
        Q(date_joined__gte=cutoff)
        | Q(last_login__gte=cutoff)
        | since(Enrolment.objects.filter(user=person), "started_at", "completed_at")
        | since(LessonCompletion.objects.filter(enrolment__user=person), "completed_at")
        | since(Attempt.objects.filter(user=person), "started_at", "submitted_at")
        | since(ConfidenceResponse.objects.filter(user=person), "created_at")
        | since(ReflectionNote.objects.filter(user=person), "updated_at")
        | since(Certificate.objects.filter(user=person), "issued_at")
    )
    return (
        User.objects.filter(is_superuser=False)
        .exclude(groups__name__in=STAFF_ROLES)
        .exclude(user_permissions__isnull=False)
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .exclude(recent)
        .order_by("pk")
    )


def apply_retention(now: datetime.datetime | None = None, years: int | None = None) -> dict:
    """Erase everyone whose last activity is more than ``years`` ago.

    Returns ``{"erased": n, "skipped": m}``; people who cannot be erased yet (a running
    venue's contact) are skipped, logged, and tried again on the next run.
    """
    now = now or timezone.now()
    years = retention_years() if years is None else years
    cutoff = _years_before(now, years)
    erased = skipped = 0
    for pk in list(inactive_since(cutoff).values_list("pk", flat=True)):
        try:
            erase_user(User.objects.get(pk=pk), by=None)
        except ErasureRefused as refusal:
            skipped += 1
            logger.warning("Retention: account %s kept for now: %s", pk, refusal)
        else:
            erased += 1
    logger.info("Retention (%s years): erased %d, skipped %d", years, erased, skipped)
    return {"erased": erased, "skipped": skipped}
