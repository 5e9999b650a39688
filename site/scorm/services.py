"""Writes for SCORM: storing an uploaded package, and saving what a package commits."""

from __future__ import annotations

import io
import shutil
import tempfile
import uuid
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts import audit

from .manifest import VERSION_12, PackageInfo
from .models import ScormLessonPage, ScormPackage, ScormRegistration
from .selectors import from_an_earlier_round

COMPLETE_12 = frozenset({"passed", "completed"})
MAX_SEQUENCE = 2**31 - 1
RAW_LOW, RAW_HIGH = Decimal(-99999), Decimal(99999)  # fits ScormRegistration.score_raw


class CommitRejected(Exception):
    pass


# --- Packages ---------------------------------------------------------------------------


def store_package(package: ScormPackage, data, info: PackageInfo, *, by) -> ScormPackage:
    """Unpack a checked package (``data``: bytes or a seekable file, checked by
    scorm.manifest.inspect_package) into the default storage
    under a new prefix, and save the package with what the manifest says.

    Files go to storage one by one, so serving a file later is one storage read whatever
    the backend (file system or private bucket); a new upload never overwrites the files a
    learner may be playing: it gets a new prefix.
    """
    prefix = f"scorm/content/{uuid.uuid4().hex}"
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        for name in info.files:
            # Through a temporary file: one member in memory at most a chunk at a time.
            with archive.open(name) as member, tempfile.TemporaryFile() as spool:
                shutil.copyfileobj(member, spool)
                spool.seek(0)
                stored = default_storage.save(f"{prefix}/{name}", File(spool, name=name))
            if stored != f"{prefix}/{name}":  # the storage renamed it: it cannot be served
                raise RuntimeError(f"Storage renamed {name!r} to {stored!r}")
    package.version = info.version
    package.identifier = info.identifier
    package.launch_href = info.launch_href
    package.files = info.files
    package.size_bytes = info.total_bytes
    package.content_prefix = prefix
    package.uploaded_by = by
    package.uploaded_at = timezone.now()
    is_new = package.pk is None
    package.save()
    audit.record(
        "scorm.package_uploaded" if is_new else "scorm.package_replaced",
        actor=by,
        target=package,
        summary=f"{package.title}: SCORM {info.version}, {len(info.files)} files",
    )
    return package


# --- Runtime data -----------------------------------------------------------------------


def _decimal(value, low: Decimal, high: Decimal, places: str) -> Decimal | None:
    """A score as the model stores it, or None when it is missing, not a number or out of
    range (the package's own bug: the completion still counts, the score is not kept)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or not low <= number <= high:
        return None
    return number.quantize(Decimal(places))


def read_status(version: str, cmi: dict) -> dict:
    """Completion, success and score as the package reported them.

    SCORM 1.2: ``cmi.core.lesson_status`` "passed" or "completed" is complete ("failed",
    "incomplete", "browsed", "not attempted" are not). SCORM 2004: ``cmi.completion_status``
    "completed" with ``cmi.success_status`` anything but "failed" is complete.
    """
    if version == VERSION_12:
        core = cmi.get("core") if isinstance(cmi.get("core"), dict) else {}
        status = str(core.get("lesson_status", "")).strip().lower()
        score = core.get("score") if isinstance(core.get("score"), dict) else {}
        success = {"passed": "passed", "failed": "failed"}.get(status, "")
        return {
            "completion_status": status,
            "success_status": success,
            "complete": status in COMPLETE_12,
            "score_raw": _decimal(score.get("raw", ""), RAW_LOW, RAW_HIGH, "0.0001"),
            "score_scaled": None,
        }
    completion = str(cmi.get("completion_status", "")).strip().lower()
    success = str(cmi.get("success_status", "")).strip().lower()
    score = cmi.get("score") if isinstance(cmi.get("score"), dict) else {}
    return {
        "completion_status": completion,
        "success_status": success,
        "complete": completion == "completed" and success != "failed",
        "score_raw": _decimal(score.get("raw", ""), RAW_LOW, RAW_HIGH, "0.0001"),
        "score_scaled": _decimal(score.get("scaled", ""), Decimal(-1), Decimal(1), "0.00001"),
    }


def _keep_completed(version: str, cmi: dict, registration: ScormRegistration) -> None:
    """A completed lesson stays completed: a later commit saying otherwise (an older tab, a
    retry) keeps its saved data but not the lower status."""
    if version == VERSION_12:
        core = cmi.setdefault("core", {})
        core["lesson_status"] = registration.completion_status
    else:
        cmi["completion_status"] = registration.completion_status
        cmi["success_status"] = registration.success_status


def _start_afresh(registration: ScormRegistration) -> None:
    registration.cmi = {}
    registration.completion_status = ""
    registration.success_status = ""
    registration.score_raw = None
    registration.score_scaled = None
    registration.completed_at = None
    registration.load_id = ""
    registration.last_sequence = 0


def commit(
    user, lesson: ScormLessonPage, payload: dict, *, load_id: str = "", sequence=None
) -> ScormRegistration:
    """Save what the package committed for ``user`` on ``lesson`` (their own record only).

    The record is locked while it is updated, so two tabs or a double submit leave one
    consistent row; a commit from the same page load with a sequence number not above the
    last one saved is stale and ignored. When the package reports completion, the lesson
    is completed (courses.services.complete_lesson), which may complete the module.
    """
    from courses.services import complete_lesson, start_module

    cmi = payload.get("cmi") if isinstance(payload, dict) else None
    if not isinstance(cmi, dict):
        raise CommitRejected("The commit has no cmi data.")
    if sequence is not None and (
        isinstance(sequence, bool)
        or not isinstance(sequence, int)
        or not 0 < sequence <= MAX_SEQUENCE
    ):
        raise CommitRejected("The commit sequence is not a positive whole number.")
    version = lesson.package.version
    status = read_status(version, cmi)
    became_complete = False
    # Working on the package is working on the module: the round (enrolment) it belongs to
    # exists before anything is completed in it (see selectors.from_an_earlier_round).
    start_module(user, lesson.module)
    with transaction.atomic():
        registration, _ = ScormRegistration.objects.get_or_create(
            user=user, lesson=lesson, defaults={"version": version}
        )
        registration = ScormRegistration.objects.select_for_update().get(pk=registration.pk)
        if from_an_earlier_round(registration, user, lesson):
            # A new round of the module (a refresher): this launch starts afresh.
            _start_afresh(registration)
        if (
            sequence is not None
            and load_id
            and registration.load_id == load_id
            and sequence <= registration.last_sequence
        ):
            return registration
        if registration.is_complete and not status["complete"]:
            _keep_completed(version, cmi, registration)
        else:
            registration.completion_status = status["completion_status"][:20]
            registration.success_status = status["success_status"][:20]
        for name in ("score_raw", "score_scaled"):
            if status[name] is not None or not registration.is_complete:
                setattr(registration, name, status[name])
        if status["complete"] and not registration.is_complete:
            registration.completed_at = timezone.now()
            became_complete = True
        registration.cmi = cmi
        registration.version = version
        registration.load_id = load_id[:32]
        registration.last_sequence = sequence or 0
        registration.save()
    if registration.is_complete and (became_complete or status["complete"]):
        complete_lesson(user, lesson)
    return registration
