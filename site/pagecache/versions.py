"""The two kinds of version in a cached page's key: content (everyone's) and learner (one
person's). Each is a random token: moving it makes every key built with the old one
unreachable. A token missing from the cache (never set, or evicted) is created afresh,
which also makes the old keys unreachable."""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

CONTENT_KEY = "lpc:content"


def learner_key(user_id) -> str:
    return f"lpc:learner:{user_id}"


def current(user_id) -> tuple[str, str]:
    """(content version, learner version) for ``user_id``, in one round trip."""
    keys = [CONTENT_KEY, learner_key(user_id)]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, secrets.token_hex(8), None)
    if missing:
        found = cache.get_many(keys)
    return found.get(keys[0], ""), found.get(keys[1], "")


def _move(keys: list[str]) -> None:
    try:
        cache.set_many({key: secrets.token_hex(8) for key in keys}, None)
    except Exception:  # a cache that is down serves no cached page either
        logger.warning("Learner page cache: could not move versions %s", keys, exc_info=True)


def _move_now_and_on_commit(keys: list[str]) -> None:
    # Now, for this request and this transaction's own reads; again when the transaction
    # commits, for any page another request rendered meanwhile from the data before it.
    # One callback per transaction moves every version moved inside it.
    _move(keys)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    pending = connection.__dict__.setdefault("_pagecache_pending", set())
    if not any(callback is _move_pending for _, callback, _ in connection.run_on_commit):
        pending.clear()  # left over from a transaction that was rolled back
        transaction.on_commit(_move_pending)
    pending.update(keys)


def _move_pending() -> None:
    keys = transaction.get_connection().__dict__.pop("_pagecache_pending", set())
    if keys:
        _move(sorted(keys))


def bump_content() -> None:
    _move_now_and_on_commit([CONTENT_KEY])


def bump_learner(*user_ids) -> None:
    keys = [learner_key(pk) for pk in user_ids if pk is not None]
    if keys:
        _move_now_and_on_commit(keys)
