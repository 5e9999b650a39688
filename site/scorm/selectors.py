"""Reads for SCORM: who may see a package's files, and what the player starts with."""

import copy
import json
import uuid

from django.urls import reverse
from django.utils import timezone

from courses.selectors import current_enrolment

from .manifest import VERSION_12
from .models import ScormLessonPage, ScormPackage, ScormRegistration

# Elements the package writes but may never read back (SCORM 1.2 and 2004 run-time).
WRITE_ONLY_12 = ("exit", "session_time")
WRITE_ONLY_2004 = ("exit", "session_time")
LEARNER_NAME = "Learner"


def playable_lessons():
    return ScormLessonPage.objects.live().select_related("package")


def can_see_package(user, package: ScormPackage) -> bool:
    """Signed-in learners see a package a published lesson plays (as they see the lesson);
    people who manage packages see any, to preview it."""
    if not user.is_authenticated:
        return False
    if playable_lessons().filter(package=package).exists():
        return True
    return user.has_perm("scorm.view_scormpackage")


def from_an_earlier_round(registration: ScormRegistration | None, user, lesson) -> bool:
    """True when the registration was completed before the learner's current enrolment on
    the module began: a refresher (or any new round of the module) plays the package afresh,
    as it asks the learner to go through every lesson again. A completion in this round, or
    an unfinished registration, belongs to this round."""
    if registration is None or registration.completed_at is None:
        return False
    enrolment = current_enrolment(user, lesson.module)
    return enrolment is not None and registration.completed_at < enrolment.started_at


def registration_for(user, lesson: ScormLessonPage) -> ScormRegistration | None:
    """The learner's registration on the lesson in this round of the module (None if they have
    not launched it in this round)."""
    registration = ScormRegistration.objects.filter(user=user, lesson=lesson).first()
    return None if from_an_earlier_round(registration, user, lesson) else registration


def launch_data(registration: ScormRegistration | None, version: str, user) -> dict:
    """The cmi data the runtime is loaded with (scorm-again ``loadFromJSON``).

    What the package saved last time, without the write-only elements, with ``entry`` set
    to "resume" when it left with exit "suspend" ("ab-initio" the first time, "" otherwise).
    The learner is identified by an opaque id and a generic name: packages need no more.
    """
    saved = copy.deepcopy(registration.cmi) if registration is not None else {}
    learner_id = f"learner-{user.pk}"
    if version == VERSION_12:
        core = saved.setdefault("core", {})
        exited = core.get("exit", "")
        for name in WRITE_ONLY_12:
            core.pop(name, None)
        saved.pop("interactions", None)  # write-only in SCORM 1.2
        core["student_id"] = learner_id
        core["student_name"] = LEARNER_NAME
        if registration is None:
            core["entry"] = "ab-initio"
        else:
            core["entry"] = "resume" if exited == "suspend" else ""
    else:
        exited = saved.get("exit", "")
        for name in WRITE_ONLY_2004:
            saved.pop(name, None)
        saved["learner_id"] = learner_id
        saved["learner_name"] = LEARNER_NAME
        if registration is None:
            saved["entry"] = "ab-initio"
        else:
            saved["entry"] = "resume" if exited == "suspend" else ""
    return {"cmi": saved}


def player_settings(user, lesson: ScormLessonPage) -> dict:
    """What the lesson page's player needs (rendered as JSON, read by scorm/player.js)."""
    package = lesson.package
    registration = registration_for(user, lesson)
    path, _, query = package.launch_href.partition("?")
    launch_url = reverse("scorm:content", kwargs={"package_id": package.pk, "path": path})
    return {
        "version": package.version,
        "launchUrl": launch_url + (f"?{query}" if query else ""),
        "commitUrl": reverse("scorm:commit", kwargs={"lesson_id": lesson.pk}),
        "loadId": uuid.uuid4().hex,
        "data": launch_data(registration, package.version, user),
        "complete": registration is not None and registration.is_complete,
    }


def export_rows(user) -> list[dict]:
    """The learner's SCORM records, for their subject-access export."""
    return [
        {
            "lesson": row.lesson.title,
            "version": row.version,
            "completion_status": row.completion_status,
            "success_status": row.success_status,
            "score_raw": str(row.score_raw) if row.score_raw is not None else None,
            "score_scaled": str(row.score_scaled) if row.score_scaled is not None else None,
            "completed_at": (
                timezone.localtime(row.completed_at).isoformat() if row.completed_at else None
            ),
            "updated_at": timezone.localtime(row.updated_at).isoformat(),
            "saved_data": json.dumps(row.cmi, ensure_ascii=False, sort_keys=True),
        }
        for row in ScormRegistration.objects.filter(user=user)
        .select_related("lesson")
        .order_by("created_at", "pk")
    ]
