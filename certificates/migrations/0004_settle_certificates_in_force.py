"""Bring existing certificates under the rule "one in force per person and module".

1. Link reissued copies to their originals (``reissue_of``): a copy has no enrolment, the
   same holder, module and dates as its original, and the original was marked replaced by
   it. Where the copy was revoked but its original was not, the original is revoked too,
   with the copy's date, reason and revoker: before this change the original stayed
   "replaced" by the revoked copy, so it was not in force and must not become so now.
2. Settle every person and module as ``certificates.services._settle`` does: the
   non-revoked certificate with the latest ``issued_at`` (ties: highest id) is in force,
   every other non-revoked one is replaced by it. Revoked rows are left as they are.

Uses the historical model only. Reversing is a no-op: the settled state is valid before
this migration too.
"""

from itertools import groupby

from django.db import migrations


def link_reissues(Certificate):
    copies = Certificate.objects.filter(enrolment__isnull=True, reissue_of__isnull=True)
    # Read first, then write: SQLite does not isolate a cursor from writes on its connection.
    for copy in list(copies):
        original = (
            Certificate.objects.filter(
                superseded_by=copy,
                user_id=copy.user_id,
                module_id=copy.module_id,
                issued_at=copy.issued_at,
                expires_at=copy.expires_at,
                pk__lt=copy.pk,
            )
            .order_by("-pk")
            .first()
        )
        if original is None:
            continue
        Certificate.objects.filter(pk=copy.pk).update(reissue_of=original)
        if copy.revoked_at is not None and original.revoked_at is None:
            Certificate.objects.filter(pk=original.pk).update(
                revoked_at=copy.revoked_at,
                revoked_by_id=copy.revoked_by_id,
                revoked_reason=copy.revoked_reason,
            )


def settle_all(Certificate):
    rows = (
        Certificate.objects.filter(revoked_at__isnull=True, user__isnull=False)
        .order_by("user_id", "module_id", "-issued_at", "-pk")
        .values_list("user_id", "module_id", "pk", "superseded_by_id")
    )
    restore = []
    for _, group in groupby(list(rows), key=lambda row: (row[0], row[1])):
        group = list(group)
        winner = group[0][2]
        if group[0][3] is not None:
            restore.append(winner)
        stale = [row[2] for row in group[1:] if row[3] != winner]
        if stale:
            Certificate.objects.filter(pk__in=stale).update(superseded_by_id=winner)
    for start in range(0, len(restore), 500):
        Certificate.objects.filter(pk__in=restore[start : start + 500]).update(superseded_by=None)


def forwards(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    link_reissues(Certificate)
    settle_all(Certificate)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_reissue_of"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
