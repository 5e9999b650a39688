"""The one HTTP call to the Learning Record Store: PUT a statement under its own id."""

import json
from dataclasses import dataclass

import requests

from . import conf


class Unreachable(Exception):
    """The LRS could not be reached at all (refused, timed out): the rest of a run waits."""


@dataclass(frozen=True)
class Outcome:
    stored: bool
    error: str = ""


def put_statement(statement: dict, session: requests.Session | None = None) -> Outcome:
    """PUT ``statements?statementId=<id>``. Idempotent at the LRS: 204 when stored, and
    again 204 for a repeat of a statement it already holds. 409 (a different statement
    holds this id) counts as stored: sending again can never change it."""
    http = session or requests
    try:
        response = http.put(
            conf.endpoint() + "statements",
            params={"statementId": statement["id"]},
            data=json.dumps(statement),
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": conf.XAPI_VERSION,
            },
            auth=conf.credentials(),
            timeout=conf.timeout(),
            allow_redirects=False,
        )
    except (requests.ConnectionError, requests.Timeout) as error:
        raise Unreachable(f"{type(error).__name__}: LRS unreachable") from error
    if response.status_code in (200, 204):
        return Outcome(True)
    if response.status_code == 409:
        return Outcome(True, "409: the LRS holds a different statement with this id")
    return Outcome(False, f"HTTP {response.status_code}: {response.text[:300]}")
