"""Issuing and revoking API tokens (``ApiToken``); see ``dataapi.selectors`` for reading.

A token reads ``scl_<8 hex>_<43 url-safe characters>``: the first part (``prefix``) names
it in the admin and the audit log; only the SHA-256 hash of the whole is stored. The random
part has 256 bits, so the hash needs no salt or key and cannot be looked up.
"""

import secrets

from django.db import transaction
from django.utils import timezone

from accounts.audit import record

from .models import ApiToken, Scope
from .selectors import TOKEN_START, hash_token


def create_token(*, organisation: str, scopes, created_by, expires_at=None) -> tuple[ApiToken, str]:
    """A new token for ``organisation`` with ``scopes``: (the stored row, the token). The
    token is returned only here; nothing can show it again."""
    scopes = set(scopes)
    unknown = scopes - set(Scope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {sorted(unknown)}")
    prefix = TOKEN_START + secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():  # 1 in 4 billion
        prefix = TOKEN_START + secrets.token_hex(4)
    token = f"{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        row = ApiToken.objects.create(
            organisation=organisation,
            prefix=prefix,
            token_hash=hash_token(token),
            created_by=created_by,
            expires_at=expires_at,
            **{f"scope_{scope}": scope in scopes for scope in Scope.values},
        )
        record(
            "api.token_created",
            actor=created_by,
            target=row,
            summary=f"{prefix} for {organisation[:80]}; "
            f"scopes: {', '.join(sorted(scopes)) or 'none'}",
        )
    return row, token


def revoke_token(row: ApiToken, *, revoked_by, now=None) -> bool:
    """Revoke ``row``: the next call with it is refused. False if it already was."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=row.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=revoked_by
        )
        if changed:
            record(
                "api.token_revoked",
                actor=revoked_by,
                target=row,
                summary=f"{row.prefix} for {row.organisation[:80]}",
            )
    row.refresh_from_db()
    return bool(changed)


def mark_used(row: ApiToken, now=None) -> None:
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now or timezone.now())
