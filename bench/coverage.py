"""Coverage dashboard figures on a large, realistic dataset.

    .venv/bin/python bench/coverage.py [--learners 100000] [--agencies 60]

Builds 60 agencies, 6 modules and 100,000 learners with about 600,000 enrolment and
certificate rows over five years, then prints the time to compute the agency x module
table, the time of one SQL GROUP BY giving the same counts (the floor) and their ratio,
the time to export the full matrix to Excel, and peak memory.
"""

import argparse
import datetime
import io
import random
import resource
import time

from _django import setup, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=60)
    args = parser.parse_args()
    setup("coverage")

    from allauth.account.models import EmailAddress
    from django.db import connection
    from django.db.models import Count, Q
    from django.utils import timezone

    from accounts.models import JobRole, User
    from accounts.roles import Role
    from accounts.services import add_role
    from certificates.models import Certificate
    from courses.factories import CourseIndexPageFactory, module_with_lessons
    from courses.models import Enrolment, TrainingRequirement
    from courses.selectors.coverage import coverage_table
    from network.models import Agency, Sector
    from pages.demo import load_pages

    random.seed(7)
    started = time.perf_counter()
    home = load_pages()
    catalogue = CourseIndexPageFactory(parent=home)
    modules = [module_with_lessons(catalogue, count=1, title=f"Module {n}") for n in range(6)]
    sectors = [value for value, _ in Sector.choices]
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Agency {n}", sector=sectors[n % len(sectors)], headcount=random.randint(50, 4000)
        )
        for n in range(args.agencies)
    )
    for module, sector in zip(modules, sectors, strict=False):
        TrainingRequirement.objects.create(module=module, sector=sector)
    roles = JobRole.values
    users = User.objects.bulk_create(
        (
            User(
                email=f"l{n}@bench.example.org",
                full_name=f"Learner {n}",
                agency=random.choice(agencies),
                agency_confirmed_at=timezone.now(),
                job_role=random.choice(roles),
            )
            for n in range(args.learners)
        ),
        batch_size=5000,
    )
    # Only verified, confirmed members count (accounts.selectors.counted_members).
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users),
        batch_size=5000,
    )
    now = timezone.now()
    five_years = 5 * 365
    enrolments, certificates = [], []
    number = 0
    for user in users:
        for module in random.sample(modules, k=random.randint(1, 5)):
            if random.random() < 0.1:
                enrolments.append(Enrolment(user=user, module=module))
                continue
            issued = now - datetime.timedelta(days=random.randint(0, five_years))
            revoked = random.random() < 0.01
            number += 1
            enrolments.append(Enrolment(user=user, module=module, completed_at=issued))
            certificates.append(
                Certificate(
                    number=f"B-{number:08d}",
                    code=f"{number:032d}",
                    user=user,
                    module=module,
                    holder_name=user.full_name,
                    module_title=module.title,
                    cpd_minutes=45,
                    issued_at=issued,
                    expires_at=issued + datetime.timedelta(days=3 * 365),
                    template={},
                    revoked_at=now if revoked else None,
                    revoked_reason="issued in error" if revoked else "",
                )
            )
    Enrolment.objects.bulk_create(enrolments, batch_size=10_000)
    Certificate.objects.bulk_create(certificates, batch_size=10_000)
    coordinator = User.objects.create_user("coord@bench.example.org", full_name="Coordinator")
    add_role(coordinator, Role.TRAINING_COORDINATOR)
    coordinator = User.objects.get(pk=coordinator.pk)
    print(
        f"database: {connection.vendor}; {len(agencies)} agencies, {len(modules)} modules, "
        f"{len(users):,} learners, {len(enrolments) + len(certificates):,} enrolment and "
        f"certificate rows (built in {time.perf_counter() - started:.0f} s)"
    )

    def floor():
        soon = now + datetime.timedelta(days=60)
        return list(
            Certificate.objects.filter(revoked_at__isnull=True, superseded_by__isnull=True)
            .values("user__agency_id", "module_id")
            .annotate(
                in_date=Count("id", filter=Q(expires_at__gt=now)),
                expiring=Count("id", filter=Q(expires_at__gt=now, expires_at__lte=soon)),
                lapsed=Count("id", filter=Q(expires_at__lte=now)),
            )
        )

    table = coverage_table(coordinator, now=now)
    check = {(r["user__agency_id"], r["module_id"]): r["in_date"] for r in floor()}
    for row in table.itertuples():
        assert check.get((row.agency_id, row.module_id), 0) == row.in_date
    floor_ms = timed(floor, repeat=5, warmup=1)
    table_ms = timed(lambda: coverage_table(coordinator, now=now), repeat=5, warmup=1)

    def export():
        buffer = io.BytesIO()
        table.to_excel(buffer, index=False, engine="openpyxl")
        return buffer

    export_ms = timed(export, repeat=3, warmup=1)
    print(f"single GROUP BY (floor): {floor_ms:.0f} ms")
    print(f"dashboard table:         {table_ms:.0f} ms  ({table_ms / floor_ms:.2f} x floor)")
    print(f"export full matrix XLSX: {export_ms:.0f} ms ({len(table)} rows)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
