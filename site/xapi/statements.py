"""Building xAPI 1.0.3 statements. No database, no network; ids depend on ``SITE_URL``.

Vocabulary: ADL verbs (``http://adlnet.gov/expapi/verbs/...``) and activity types
(``http://adlnet.gov/expapi/activities/...``); a lesson's progress through the module uses
the cmi5 progress extension (a whole percentage, 0 to 100).

Identifiers, decided once (changing them splits the LRS's history):

- **Statement id**: UUID5 of the event key (e.g. ``launched:enrolment:7``) in a namespace
  derived from ``SITE_URL``: one event, one id, and two deployments (staging, production)
  writing to one LRS never collide. Changing ``SITE_URL`` starts new ids (and new actors).
- **Actor**: ``{"account": {"homePage": SITE_URL, "name": <pseudonym>}}``; no name, no
  email, no account number.
- **Activity ids**: absolute addresses built from ``SITE_URL``: a module's and a lesson's
  page address (renaming a page's slug starts a new activity), a quiz's and a training
  session's address by id.
- **Registration**: UUID5 of ``enrolment:<id>``, so an LRS can group one run through a module.
- **Timestamp**: when the event happened (not when it was sent).
"""

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from config.site_url import base

from . import conf

VERBS = ("launched", "progressed", "completed", "passed", "failed", "attended")
ADL_VERB = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"


def namespace() -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, base() + "/xapi/")


def statement_id(key: str) -> uuid.UUID:
    return uuid.uuid5(namespace(), key)


def registration(enrolment_id: int) -> str:
    return str(uuid.uuid5(namespace(), f"enrolment:{enrolment_id}"))


def actor(home_page: str, pseudonym) -> dict:
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": str(pseudonym)}}


def activity(iri: str, kind: str, name: str) -> dict:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ADL_ACTIVITY + kind, "name": {conf.LANGUAGE: name}},
    }


def timestamp(moment: datetime.datetime) -> str:
    """ISO 8601 in UTC, to the millisecond (what an LRS keeps)."""
    utc = moment.astimezone(datetime.UTC)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build(
    key: str,
    verb: str,
    agent: dict,
    obj: dict,
    at: datetime.datetime,
    *,
    result: dict | None = None,
    parent: dict | None = None,
    enrolment_id: int | None = None,
) -> dict:
    if verb not in VERBS:
        raise ValueError(f"Unknown verb {verb}")
    context: dict = {"platform": conf.PLATFORM, "language": conf.LANGUAGE}
    if enrolment_id is not None:
        context["registration"] = registration(enrolment_id)
    if parent is not None:
        context["contextActivities"] = {"parent": [parent]}
    statement = {
        "id": str(statement_id(key)),
        "actor": agent,
        "verb": {"id": ADL_VERB + verb, "display": {conf.LANGUAGE: verb}},
        "object": obj,
        "context": context,
        "timestamp": timestamp(at if timezone.is_aware(at) else timezone.make_aware(at)),
    }
    if result is not None:
        statement["result"] = result
    return statement


def progress_result(done: int, total: int) -> dict:
    """Lessons done out of the module's lessons, as a whole percentage (cmi5's progress)."""
    percent = 100 if total <= 0 else min(100, (done * 100) // total)
    return {"completion": percent >= 100, "extensions": {PROGRESS: percent}}


def score_result(score: Decimal, out_of: Decimal, passed: bool) -> dict:
    """A graded quiz attempt. ``scaled`` is the score over the marks available, kept within
    xAPI's -1 to 1; ``min`` is 0 unless a negative-marking score fell below it (then left out,
    as xAPI requires ``raw`` to lie between ``min`` and ``max``)."""
    out_of = out_of if out_of > 0 else Decimal(1)
    scaled = max(Decimal(-1), min(Decimal(1), score / out_of))
    score_part: dict = {
        "scaled": float(scaled.quantize(Decimal("0.0001"))),
        "raw": float(score),
        "max": float(out_of),
    }
    if score >= 0:
        score_part["min"] = 0
    return {"score": score_part, "success": passed, "completion": True}
