"""How long the coverage dashboard makes the Board and the coordinator wait (issue 15).

    .venv/bin/python bench/coverage.py [--learners 100000] [--agencies 60] [--repeat 5]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_e_coverage \\
        .venv/bin/python bench/coverage.py

What it measures, on a fresh database (SQLite by default; on PostgreSQL the data are
``ANALYZE``d once built, as autovacuum would):

- **page**: the whole dashboard (``courses:coverage``: tiles, tables, charts, rendered)
  fetched with Django's test client, signed in (``force_login``) as the Training
  Coordinator and as an agency lead, each with and without a sector filter. One warm-up
  request, then ``--repeat`` timed requests; the median and the best are printed. The
  query count is that of one request.
- **table**: ``coverage_table(user)`` alone, timed the same way.
- **floor**: the cheapest query that could produce the table: one SQL ``GROUP BY`` over
  certificates joined to their holders (and the holder's own email address, for "verified"),
  giving the people holding an in-date certificate per agency and module. The page and
  table are also given as a multiple of it. The floor's counts are compared with the
  table's ``in_date`` column and the number of cells that differ is printed (a difference
  means the table and the written definition below disagree).
- **components**: wall time and queries of each selector, chart or helper the dashboard
  view calls (every function it imports from ``courses``, ``accounts`` or ``config``, and
  for a class such as ``Dashboard`` its constructor, the single pass, and each part it
  works out when asked, wrapped for one request: outermost calls only, so they add up),
  the template rendering, and what is left (middleware, session, view glue).
- **profile**: one coordinator page under cProfile: the top 15 entries by cumulative time
  under ``courses/`` and ``site/accounts/``, and the top 10 functions anywhere by own time.
- **memory**: peak resident memory (``resource.getrusage``) of the process that measures.
  The data are built in a forked child process, so this is the page's memory, not the
  generator's.

The bench depends only on the URL name ``courses:coverage``, ``coverage_table(user)`` and
the models, so it keeps working while the selectors' internals change.

Definitions used by the floor (docs/coverage.md and ``certificates/validity.py`` hold the
project's own words):

- a person counts for their agency when the account is active, their own email address is
  verified (allauth ``EmailAddress`` verified and equal to the account's email) and their
  membership is confirmed (``agency_confirmed_at`` set);
- a certificate is in force when it is neither revoked nor superseded, and in date through
  the day (Europe/London) its expiry moment falls on: ``expires_at >= midnight today``.

``build_dataset(learners, ...)`` builds the data and can be called with a small ``n`` once
Django is set up (this file is named like the ``coverage`` package, so load it by path:
``importlib.util.spec_from_file_location("coverage_bench", "bench/coverage.py")``). Its
docstring lists the edge cases it contains.
"""

import argparse
import cProfile
import datetime
import functools
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Who the generated people are (shares of learners; the rest count for their agency).
STATUSES = [
    ("counted", 0.85),
    ("unverified", 0.03),  # EmailAddress exists, verified=False
    ("other_email", 0.01),  # a verified EmailAddress, but not the account's email
    ("no_email_record", 0.01),  # no EmailAddress row at all
    ("unconfirmed", 0.03),  # agency chosen, membership never confirmed
    ("deactivated", 0.03),  # is_active False
    ("erased", 0.01),  # as accounts.privacy.erase_user leaves an account
    ("moved", 0.015),  # trained at one agency, now confirmed at another
    ("moved_unconfirmed", 0.015),  # moved, new membership not confirmed yet
]
NO_AGENCY = 0.03  # learners whose agency is not listed

# What happened for one person and one module (shares; the rest: one certificate online).
SCENARIOS = [
    ("in_progress", 0.09),  # an open enrolment, no certificate
    ("refresher", 0.12),  # older certificate superseded by a newer one
    ("lapsed_refreshing", 0.02),  # a lapsed certificate and an open enrolment
    ("revoked", 0.02),  # the only certificate revoked
    ("refresher_newest_revoked", 0.02),  # newest revoked: the earlier one is in force again
    ("refresher_older_revoked", 0.01),
    ("late_f2f_earlier", 0.02),  # face-to-face before an online certificate, recorded late
    ("late_f2f_later", 0.01),  # face-to-face after an online certificate, recorded late
    ("f2f", 0.08),  # face-to-face, recorded on the day
]
ERASED_DOMAIN = "erased.invalid"  # accounts.privacy.ERASED_DOMAIN (checked in build_dataset)
DAY = datetime.timedelta(days=1)


def _pick(rng: random.Random, table: list[tuple[str, float]], default: str) -> str:
    draw = rng.random()
    for name, share in table:
        if draw < share:
            return name
        draw -= share
    return default


def build_dataset(
    learners: int = 100_000,
    agencies: int = 60,
    *,
    seed: int = 7,
    now: datetime.datetime | None = None,
    chunk: int = 10_000,
    catalogue=None,
) -> dict:
    """Build a realistic partnership on the current database with ``bulk_create``.

    Returns a summary: ``coordinator_id``, ``lead_id``, ``lead_agency_id``,
    ``lead_sector``, ``filter_sector`` (a sector to filter the coordinator's page by),
    ``module_ids`` (live), ``unpublished_module_id`` and row ``counts``.

    Contents (at least one of each, from ``learners=2000``, ``agencies=12``):

    - agencies in every sector, of very different sizes; one without a headcount, one
      with headcount 0, one inactive (its members trained), one whose headcount is below
      its counted members (coverage over 100 %), and every "other" sector agency without
      a headcount (a sector with no headcount at all);
    - six live modules with 12-, 24- and 36-month refresh periods and one unpublished
      module that people hold certificates in;
    - learners: counted members, unverified email, a verified email that is not the
      account's, no email record, unconfirmed membership, deactivated, erased (email
      ``erased-<id>@erased.invalid``, no name or role, inactive, no email record, agency
      kept), moved between agencies (confirmed at the new one, or not yet), no agency;
    - per person and module (see ``SCENARIOS``): in progress, one certificate (in date,
      expiring or lapsed), refreshers, a lapsed certificate with a refresher in progress,
      revocations, a revoked newest refresher (the earlier certificate in force again), a
      revoked older one, late face-to-face records before and after an online certificate,
      face-to-face completions; certificates expiring at the edges of today, tomorrow,
      yesterday and 60/61 days ahead, and issued at the edges of quarters (local time);
    - at most one certificate in force per person and module: the one, among those not
      revoked, that expires last (then issued last, then recorded last); every other
      certificate issued before it is ``superseded_by`` it; revoked certificates after it
      are not superseded;
    - face-to-face sessions with named attendees (linked enrolments) and sessions recorded
      by count only (``attendance_count``), some today and some earlier this quarter;
    - training requirements by sector, by role, by both and for everyone;
    - before/after confidence ratings for about a sixth of completions.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from accounts import privacy
    from accounts.factories import add_totp
    from accounts.models import JobRole, User
    from accounts.roles import Role
    from accounts.services import add_role
    from certificates.models import Certificate
    from courses.factories import CourseIndexPageFactory, module_with_lessons
    from courses.models import (
        ConfidenceResponse,
        Enrolment,
        FaceToFaceSession,
        TrainingRequirement,
    )
    from courses.selectors import add_months
    from network.models import Agency, Sector

    assert privacy.ERASED_DOMAIN == ERASED_DOMAIN
    rng = random.Random(seed)
    now = now or timezone.now()
    local_now = timezone.localtime(now)
    today = local_now.date()

    def local(day: datetime.date, hour=12, minute=0, second=0) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, minute, second))
        )

    # --- Modules -------------------------------------------------------------------------
    if catalogue is None:
        from pages.demo import load_pages

        catalogue = CourseIndexPageFactory(parent=load_pages())
    months = [36, 36, 24, 36, 12, 36]
    modules = [
        module_with_lessons(
            catalogue,
            count=1,
            title=f"Bench module {n}",
            slug=f"bench-module-{n}",
            refresh_months=m,
        )
        for n, m in enumerate(months)
    ]
    withdrawn = module_with_lessons(
        catalogue,
        count=1,
        title="Bench module withdrawn",
        slug="bench-module-withdrawn",
        refresh_months=36,
    )
    withdrawn.unpublish()
    every_module = [*modules, withdrawn]
    refresh = {m.pk: m.refresh_months for m in every_module}

    # --- Agencies: sizes first, so headcounts can be realistic -------------------------------
    sectors = list(Sector.values)
    sizes = [rng.lognormvariate(0, 1.1) for _ in range(agencies)]
    assignment = rng.choices(range(agencies), weights=sizes, k=learners)
    members = [0] * agencies
    for index in assignment:
        members[index] += 1
    agency_rows = []
    for n in range(agencies):
        sector = sectors[n % len(sectors)]
        headcount = max(1, round(members[n] * rng.uniform(1.05, 2.5)))
        if sector == Sector.OTHER or n == 0:
            headcount = None  # no headcount given
        elif n == 1:
            headcount = 0
        elif n == 3:
            headcount = max(1, members[n] // 2)  # exceeded: over 100 %
        agency_rows.append(
            Agency(
                name=f"Bench agency {n:03d}",
                sector=sector,
                headcount=headcount,
                is_active=n != 2,
            )
        )
    agency_objects = Agency.objects.bulk_create(agency_rows)
    agency_ids = [a.pk for a in agency_objects]
    agency_sector = {a.pk: a.sector for a in agency_objects}

    # --- Requirements ---------------------------------------------------------------------
    TrainingRequirement.objects.bulk_create(
        [
            TrainingRequirement(module=modules[0]),  # everyone
            TrainingRequirement(module=modules[1], sector=Sector.POLICE),
            TrainingRequirement(module=modules[1], sector=Sector.HEALTH),
            TrainingRequirement(module=modules[1], sector=Sector.HOUSING),
            TrainingRequirement(module=modules[2], job_role=JobRole.MANAGER),
            TrainingRequirement(module=modules[2], job_role=JobRole.SPECIALIST),
            TrainingRequirement(
                module=modules[3], sector=Sector.CHILDRENS_SOCIAL_CARE, job_role=JobRole.FRONTLINE
            ),
            TrainingRequirement(module=modules[5], sector=Sector.SPECIALIST),
            TrainingRequirement(module=withdrawn),
        ]
    )

    # --- Face-to-face sessions -------------------------------------------------------------
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    sessions = []
    for agency_id in agency_ids:
        for module in modules[:4]:
            for _ in range(2):
                sessions.append(
                    FaceToFaceSession(
                        date=today - datetime.timedelta(days=rng.randint(1, 5 * 365)),
                        module=module,
                        trainer="Bench Trainer",
                        agency_id=agency_id,
                    )
                )
    named = FaceToFaceSession.objects.bulk_create(sessions)
    by_agency_module: dict[tuple[int, int], list] = {}
    for session in named:
        by_agency_module.setdefault((session.agency_id, session.module_id), []).append(session)
    count_only = []
    for n, agency_id in enumerate(agency_ids):
        days = [0, (today - quarter_start).days, rng.randint(0, 3 * 365)]  # today, 1st of quarter
        for back in days:
            count_only.append(
                FaceToFaceSession(
                    date=today - datetime.timedelta(days=back),
                    module=modules[n % len(modules)] if n % 2 else None,
                    topic="" if n % 2 else "Domestic abuse awareness briefing",
                    trainer="Bench Trainer",
                    agency_id=agency_id,
                    attendance_count=rng.randint(5, 40),
                )
            )
    FaceToFaceSession.objects.bulk_create(count_only)

    # --- Edge moments, used by the first single certificates of counted people -------------
    edge_expiries = [
        local(today, 0, 0, 0),  # the first moment of today: in date (through today)
        local(today, 0, 0, 30),
        local(today, 23, 59, 30),
        local(today - DAY, 23, 59, 30),  # yesterday: lapsed
        local(today + DAY, 0, 0, 30),
        local(today + 60 * DAY, 23, 59, 30),  # last day of "expiring within 60 days"
        local(today + 61 * DAY, 0, 0, 30),  # the first day after it
    ]
    edge_issues = []
    start = quarter_start
    for _ in range(8):
        edge_issues += [local(start, 0, 0, 30), local(start - DAY, 23, 59, 30)]
        start = (start - DAY).replace(day=1)
        start = start.replace(month=3 * ((start.month - 1) // 3) + 1)
    edge_issues = [moment for moment in edge_issues if moment < now]
    edges = [("expiry", m) for m in edge_expiries * 3] + [("issue", m) for m in edge_issues * 2]

    # --- People, their training, in chunks -------------------------------------------------
    roles = list(JobRole.values)
    role_weights = [50, 15, 8, 15, 5, 2, 5]
    five_years = 5 * 365 * 86400
    counts = dict.fromkeys(
        ["users", "email_addresses", "enrolments", "certificates", "attendees", "ratings"], 0
    )
    statuses: dict[str, int] = {}
    scenarios: dict[str, int] = {}
    number = 0
    unusable = make_password(None)

    def moment_between(first: datetime.datetime, last: datetime.datetime) -> datetime.datetime:
        span = max(0.0, (last - first).total_seconds())
        return first + datetime.timedelta(seconds=rng.uniform(0, span))

    def expiry_of(module_id, issued):
        return add_months(timezone.localtime(issued), refresh[module_id])

    for first in range(0, learners, chunk):
        people = []
        plans = []
        for n in range(first, min(first + chunk, learners)):
            status = _pick(rng, STATUSES, "counted")
            statuses[status] = statuses.get(status, 0) + 1
            agency_id = None if rng.random() < NO_AGENCY else agency_ids[assignment[n]]
            joined = now - datetime.timedelta(seconds=rng.uniform(0, five_years))
            trained_until = now
            confirmed = joined + datetime.timedelta(days=rng.randint(0, 30))
            if status.startswith("moved"):
                moved_at = moment_between(joined, now)
                trained_until = moved_at
                confirmed = None if status == "moved_unconfirmed" else moved_at
            elif status == "unconfirmed":
                confirmed = None
            if agency_id is None:
                confirmed = None
            erased = status == "erased"
            people.append(
                User(
                    email=f"erasing-{n}@{ERASED_DOMAIN}" if erased else f"l{n}@bench.example.org",
                    full_name="" if erased else f"Learner {n}",
                    job_role="" if erased else rng.choices(roles, role_weights)[0],
                    agency_id=agency_id,
                    agency_confirmed_at=min(confirmed, now) if confirmed else None,
                    is_active=status not in ("deactivated", "erased"),
                    date_joined=joined,
                    password=unusable,
                )
            )
            plans.append((status, joined, trained_until))
        people = User.objects.bulk_create(people, batch_size=5000)
        counts["users"] += len(people)

        addresses = []
        for person, (status, _, _) in zip(people, plans, strict=True):
            if status in ("erased", "no_email_record"):
                continue
            email = person.email
            if status == "other_email":
                email = f"old-{person.pk}@bench.example.org"
            addresses.append(
                EmailAddress(
                    user=person, email=email, verified=status != "unverified", primary=True
                )
            )
        EmailAddress.objects.bulk_create(addresses, batch_size=5000)
        counts["email_addresses"] += len(addresses)

        # Certificates are saved in the order they were recorded, then linked to the
        # enrolments' and to each other's ids.
        planned = []  # (recorded_at, enrolment, certificate)
        superseded = []  # (certificate, the certificate in force that supersedes it)
        open_enrolments = []
        attendees = []
        ratings = []
        for person, (status, joined, until) in zip(people, plans, strict=True):
            k = rng.choices([0, 1, 2, 3, 4, 5], [5, 20, 30, 25, 12, 8])[0]
            chosen = rng.sample(modules, k) + ([withdrawn] if rng.random() < 0.05 else [])
            for module in chosen:
                scenario = _pick(rng, SCENARIOS, "single")
                f2f_sessions = by_agency_module.get((person.agency_id, module.pk))
                if scenario.startswith(("late_f2f", "f2f")) and not f2f_sessions:
                    scenario = "single"
                scenarios[scenario] = scenarios.get(scenario, 0) + 1
                started = joined
                if scenario == "in_progress":
                    open_enrolments.append(
                        Enrolment(
                            user=person, module=module, started_at=moment_between(started, now)
                        )
                    )
                    continue

                certificates = []  # (issued_at, expires_at, revoked, recorded_at, session)

                def add(
                    issued,
                    *,
                    revoked=False,
                    recorded=None,
                    session=None,
                    expires=None,
                    certificates=certificates,
                    module=module,
                ):
                    issued = min(issued, now - datetime.timedelta(hours=1))
                    certificates.append(
                        [
                            issued,
                            expires or expiry_of(module.pk, issued),
                            revoked,
                            recorded or issued,
                            session,
                        ]
                    )

                if scenario in ("single", "revoked", "lapsed_refreshing"):
                    issued = moment_between(started, until)
                    if (
                        scenario == "single"
                        and status == "counted"
                        and edges
                        and module.pk in refresh
                    ):
                        kind, moment = edges.pop()
                        if kind == "expiry":
                            issued = add_months(moment, -refresh[module.pk]) - DAY
                            add(issued, expires=moment)
                            issued = None
                        else:
                            issued = moment
                    elif scenario == "lapsed_refreshing":
                        issued = now - datetime.timedelta(
                            days=refresh[module.pk] * 31 + rng.randint(1, 400)
                        )
                        open_enrolments.append(
                            Enrolment(
                                user=person,
                                module=module,
                                started_at=now - rng.randint(1, 60) * DAY,
                            )
                        )
                    if issued is not None:
                        add(issued, revoked=scenario == "revoked")
                elif scenario.startswith("refresher"):
                    older = moment_between(min(started, now - 400 * DAY), until - 200 * DAY)
                    newer = moment_between(older + 180 * DAY, until)
                    add(older, revoked=scenario == "refresher_older_revoked")
                    add(newer, revoked=scenario == "refresher_newest_revoked")
                elif scenario == "f2f":
                    session = rng.choice(f2f_sessions)
                    add(local(session.date, 16), session=session)
                else:  # a face-to-face completion recorded after an online certificate
                    session = rng.choice(f2f_sessions)
                    in_person = local(session.date, 16)
                    online = (
                        moment_between(in_person + DAY, now)
                        if scenario == "late_f2f_earlier"
                        else moment_between(in_person - 700 * DAY, in_person - DAY)
                    )
                    add(online)
                    add(in_person, session=session, recorded=max(online, in_person) + 20 * DAY)

                # The one in force: not revoked, expires last (then issued, then recorded last).
                alive = [c for c in certificates if not c[2]]
                winner = max(alive, key=lambda c: (c[1], c[0], c[3])) if alive else None
                made = []
                for plan in certificates:
                    issued, expires, revoked, recorded, session = plan
                    number += 1
                    enrolment = Enrolment(
                        user=person,
                        module=module,
                        started_at=issued - datetime.timedelta(hours=rng.randint(1, 72)),
                        completed_at=issued,
                        session=session,
                    )
                    certificate = Certificate(
                        number=f"BENCH-{number:09d}",
                        code=f"{number:040d}",
                        user=person,
                        enrolment=enrolment,
                        module=module,
                        holder_name=person.full_name,
                        module_title=module.title,
                        cpd_minutes=45,
                        issued_at=issued,
                        expires_at=expires,
                        template={},
                        revoked_at=moment_between(issued, now) if revoked else None,
                        revoked_reason="Issued in error" if revoked else "",
                    )
                    made.append((plan, certificate))
                    planned.append((min(recorded, now), enrolment, certificate))
                    if session is not None:
                        attendees.append((session.pk, person.pk))
                if winner is not None:
                    in_force = next(c for plan, c in made if plan is winner)
                    rank = (winner[1], winner[0], winner[3])
                    for plan, certificate in made:
                        if plan is not winner and (plan[1], plan[0], plan[3]) <= rank:
                            superseded.append((certificate, in_force))
                if winner is not None and rng.random() < 0.17:
                    for stage, low in (("before", 1), ("after", 2)):
                        ratings.append(
                            ConfidenceResponse(
                                user=person,
                                module=module,
                                stage=stage,
                                statement="I can recognise the signs of domestic abuse",
                                rating=rng.randint(low, 5),
                                created_at=winner[0],
                            )
                        )
        # Recorded order: ids follow the order things were recorded in.
        planned.sort(key=lambda item: item[0])
        enrolments = Enrolment.objects.bulk_create(
            [enrolment for _, enrolment, _ in planned] + open_enrolments, batch_size=5000
        )
        counts["enrolments"] += len(enrolments)
        for _, enrolment, certificate in planned:
            certificate.enrolment = enrolment  # now with its id
        # Never two in force at once (certificates_one_in_force_per_person_and_module): the
        # certificates nobody supersedes go in first, then the superseded ones, pointing at
        # them. Within each group, ids follow the order things were recorded in.
        later = {id(certificate) for certificate, _ in superseded}
        Certificate.objects.bulk_create(
            [c for _, _, c in planned if id(c) not in later], batch_size=5000
        )
        for certificate, in_force in superseded:
            certificate.superseded_by = in_force  # now with its id
        Certificate.objects.bulk_create(
            [c for _, _, c in planned if id(c) in later], batch_size=5000
        )
        counts["certificates"] += len(planned)
        through = FaceToFaceSession.attendees.through
        through.objects.bulk_create(
            [through(facetofacesession_id=s, user_id=u) for s, u in attendees], batch_size=5000
        )
        counts["attendees"] += len(attendees)
        ConfidenceResponse.objects.bulk_create(ratings, batch_size=5000)
        counts["ratings"] += len(ratings)

    # Erased accounts look as accounts.privacy.erase_user leaves them.
    User.objects.filter(email__startswith="erasing-").update(
        email=Concat(Value("erased-"), Cast("pk", CharField()), Value("@" + ERASED_DOMAIN))
    )
    Certificate.objects.filter(user__email__endswith="@" + ERASED_DOMAIN).update(holder_name="")

    # --- Staff who look at the dashboard ------------------------------------------------------
    def staff(email, role, agency=None):
        person = User.objects.create_user(email, full_name=role.value, agency=agency)
        if agency is not None:
            person.agency_confirmed_at = now
            person.save(update_fields=["agency_confirmed_at"])
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        add_role(person, role)
        add_totp(person)  # staff reach coverage only after a two-factor code
        return person

    coordinator = staff("coordinator@bench.example.org", Role.TRAINING_COORDINATOR)
    usual = [a for a in agency_objects if a.is_active and a.headcount and a.sector != Sector.OTHER]
    lead_agency = max(usual[1:] or usual, key=lambda a: members[agency_objects.index(a)])
    lead = staff("lead@bench.example.org", Role.AGENCY_LEAD, lead_agency)
    filter_sector = max(
        set(agency_sector.values()) - {Sector.OTHER},
        key=lambda s: sum(m for a, m in zip(agency_objects, members, strict=True) if a.sector == s),
    )
    return {
        "coordinator_id": coordinator.pk,
        "lead_id": lead.pk,
        "lead_agency_id": lead_agency.pk,
        "lead_sector": lead_agency.sector,
        "filter_sector": filter_sector,
        "module_ids": [m.pk for m in modules],
        "unpublished_module_id": withdrawn.pk,
        "agencies": len(agency_objects),
        "counts": counts,
        "statuses": statuses,
        "scenarios": scenarios,
        "edges_unused": len(edges),
    }


# --- Measuring ----------------------------------------------------------------------------


def floor_counts(agency_ids: list[int] | None = None) -> dict[tuple[int, int], int]:
    """People holding an in-date certificate per (agency, module): one GROUP BY.

    The cheapest query that could fill the table: certificates in force and in date (through
    the printed expiry date, Europe/London) joined to their holders (active, membership
    confirmed) and the holder's own verified email address.
    """
    from django.db import connection
    from django.utils import timezone

    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    where = ""
    # As the ORM would write it (SQLite compares datetimes as text: a raw Python datetime
    # would be written with a '+00:00' suffix and sort after the same moment stored).
    params: list = [connection.ops.adapt_datetimefield_value(midnight)]
    if agency_ids is not None:
        where = f"AND u.agency_id IN ({', '.join(['%s'] * len(agency_ids))})"
        params += agency_ids
    sql = f"""
        SELECT u.agency_id, c.module_id, COUNT(*)
        FROM certificates_certificate c
        JOIN accounts_user u ON u.id = c.user_id
        JOIN account_emailaddress e ON e.user_id = u.id AND e.email = u.email
        WHERE c.revoked_at IS NULL AND c.superseded_by_id IS NULL AND c.expires_at >= %s
          AND u.is_active AND u.agency_id IS NOT NULL AND u.agency_confirmed_at IS NOT NULL
          AND e.verified {where}
        GROUP BY u.agency_id, c.module_id
    """  # noqa: S608 - only placeholders are interpolated
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(agency, module): count for agency, module, count in cursor.fetchall()}


def samples(fn, repeat: int, warmup: int = 1, floor=None) -> list[tuple[float, ...]]:
    """(wall, CPU[, floor wall]) seconds of ``repeat`` calls of ``fn`` after ``warmup``
    calls. CPU time is this process's only (on PostgreSQL the server's work is not in it);
    on a busy machine it moves less than wall time. With ``floor``, the floor query is
    timed just before each call, so a change in the machine's load hits both alike."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        floor_wall = ()
        if floor is not None:
            start = time.perf_counter()
            floor()
            floor_wall = (time.perf_counter() - start,)
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - wall, time.process_time() - cpu, *floor_wall))
    return times


class QueryCounter:
    """Counts the SQL statements run on the default connection while installed."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def component_times(client, url: str, requests: int = 2) -> list[tuple[str, float, int, int]]:
    """(name, median seconds per request, calls, queries) of what the dashboard view calls.

    Every function the view module imported from ``courses``, ``accounts`` or ``config``
    is wrapped (outermost calls only, so nested ones are not counted twice), and so is
    Django template rendering; "other" is the rest of the request.
    """
    from django.db import connection
    from django.template.backends.django import Template

    from courses import coverage_views as view_module

    counter = QueryCounter()
    records: dict[str, list] = {}
    depth = [0]

    def wrap(name, fn):
        def wrapper(*args, **kwargs):
            if depth[0]:
                return fn(*args, **kwargs)
            depth[0] += 1
            queries, start = counter.count, time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                record = records.setdefault(name, [0.0, 0, 0])
                record[0] += time.perf_counter() - start
                record[1] += 1
                record[2] += counter.count - queries

        return wrapper

    patched = {}
    properties = []  # (cached_property, its function): a class's parts worked out lazily
    for name, value in vars(view_module).items():
        module = getattr(value, "__module__", "") or ""
        if not module.startswith(("courses.", "accounts.", "config.")) or (
            module == view_module.__name__ or not callable(value)
        ):
            continue
        if isinstance(value, type):
            parts = [m for m in vars(value).values() if isinstance(m, functools.cached_property)]
            if not parts:
                continue  # models, choices, forms: not work the view does
            # A class such as Dashboard: its constructor and each cached part.
            patched[name] = value
            init = value.__init__

            def construct(*args, _cls=value, _init=init, **kwargs):
                instance = _cls.__new__(_cls)
                _init(instance, *args, **kwargs)
                return instance

            setattr(view_module, name, wrap(f"{name}()", construct))
            for attribute, member in vars(value).items():
                if isinstance(member, functools.cached_property):
                    properties.append((member, member.func))
                    member.func = wrap(f"{name}.{attribute}", member.func)
            continue
        patched[name] = value
        setattr(view_module, name, wrap(name, value))
    render = Template.render
    Template.render = wrap("template rendering", render)
    per_request: dict[str, list] = {}
    try:
        with connection.execute_wrapper(counter):
            for _ in range(requests):
                records.clear()
                queries, start = counter.count, time.perf_counter()
                client.get(url)
                total = time.perf_counter() - start
                measured = sum(r[0] for r in records.values())
                records["other (middleware, session, view glue)"] = [
                    total - measured,
                    1,
                    counter.count - queries - sum(r[2] for r in records.values()),
                ]
                for name, record in records.items():
                    per_request.setdefault(name, []).append(record)
    finally:
        for name, value in patched.items():
            setattr(view_module, name, value)
        for member, function in properties:
            member.func = function
        Template.render = render
    rows = [
        (
            name,
            statistics.median(r[0] for r in runs),
            runs[0][1],
            runs[0][2],
        )
        for name, runs in per_request.items()
    ]
    return sorted(rows, key=lambda row: -row[1])


def profile(client, url: str, top: int = 15) -> None:
    """cProfile one request: our code by cumulative time, then anything by own time."""
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    ours = (f"{os.sep}courses{os.sep}", f"{os.sep}accounts{os.sep}")

    def where(key):
        filename, line, function = key
        try:
            filename = str(Path(filename).relative_to(ROOT))
        except ValueError:
            filename = Path(filename).name if filename != "~" else ""
        return f"{filename}:{line}({function})" if filename else function

    def show(rows, title):
        print(title)
        print(f"  {'cumul s':>8} {'own s':>7} {'calls':>9}  function")
        for key, (_, calls, own, cumulative, _) in rows:
            print(f"  {cumulative:>8.3f} {own:>7.3f} {calls:>9}  {where(key)}")

    mine = [
        item
        for item in stats.items()
        if item[0][0].startswith(str(ROOT))
        and ".venv" not in item[0][0]
        and any(part in item[0][0] for part in ours)
    ]
    mine.sort(key=lambda item: -item[1][3])
    show(mine[:top], f"Profile of one coordinator page: top {top} in courses/ and accounts/")
    anywhere = sorted(stats.items(), key=lambda item: -item[1][2])
    show(anywhere[:10], "Top 10 functions anywhere by own time")


def sign_in(client, user) -> None:
    """``force_login``, plus the records allauth writes when the password and the two-factor
    code are entered (staff pages refuse a session without them; see tests/helpers.py)."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.http import HttpRequest

    client.force_login(user)
    session = client.session
    request = HttpRequest()
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    for totp in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    session.save()


def _build_in_child(args) -> dict:
    """Build the data in a forked process, so the measuring process's peak memory is the
    page's own (the child exits without running the parent's clean-up)."""
    from django.db import connections

    connections.close_all()
    sys.stdout.flush()
    handle, path = tempfile.mkstemp(suffix=".json")
    os.close(handle)
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            summary = build_dataset(args.learners, args.agencies, seed=args.seed)
            Path(path).write_text(json.dumps(summary))
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("Building the data failed (see above).")
    summary = json.loads(Path(path).read_text())
    os.unlink(path)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after a warm-up")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _django import setup

    begun, load_before = time.perf_counter(), os.getloadavg()[0]
    setup("coverage")
    set_up = time.perf_counter() - begun
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from courses.selectors.coverage import coverage_table

    started = time.perf_counter()
    if hasattr(os, "fork"):
        data = _build_in_child(args)
    else:
        data = build_dataset(args.learners, args.agencies, seed=args.seed)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner, as autovacuum keeps them on a live database
        # (bulk_create into new tables leaves none, and plans for 100,000 rows go wrong).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    counts = data["counts"]
    print(
        f"database: {connection.vendor}; {data['agencies']} agencies, "
        f"{len(data['module_ids'])} live modules and 1 unpublished; "
        f"{counts['users']:,} learners, {counts['enrolments']:,} enrolments, "
        f"{counts['certificates']:,} certificates, {counts['attendees']:,} named attendances, "
        f"{counts['ratings']:,} confidence ratings (built in {built:.0f} s)"
    )
    print("learners by status: " + ", ".join(f"{k} {v:,}" for k, v in data["statuses"].items()))
    print(
        "person x module scenarios: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(data["scenarios"].items()))
    )
    if data["edges_unused"]:
        print(f"({data['edges_unused']} edge certificates not placed: too few learners)")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    coordinator = User.objects.get(pk=data["coordinator_id"])
    lead = User.objects.get(pk=data["lead_id"])
    url = reverse("courses:coverage")
    clients = {}
    for name, user in (("coordinator", coordinator), ("agency lead", lead)):
        client = Client()
        sign_in(client, user)
        clients[name] = client
    pages = [
        ("page coordinator", "coordinator", url),
        (f"page coordinator, sector={data['filter_sector']}", "coordinator", url),
        ("page agency lead", "agency lead", url),
        (f"page agency lead, sector={data['lead_sector']}", "agency lead", url),
    ]
    pages[1] = (pages[1][0], "coordinator", f"{url}?sector={data['filter_sector']}")
    pages[3] = (pages[3][0], "agency lead", f"{url}?sector={data['lead_sector']}")

    def median_best(times):
        """Median and best wall time, median CPU time, median floor measured alongside."""
        walls = [t[0] for t in times]
        floor = statistics.median(t[2] for t in times) if len(times[0]) > 2 else None
        return statistics.median(walls), min(walls), statistics.median(t[1] for t in times), floor

    floor_of = {
        "coordinator": floor_counts,
        "agency lead": lambda: floor_counts([data["lead_agency_id"]]),
    }
    floors = {who: median_best(samples(fn, args.repeat)) for who, fn in floor_of.items()}
    results = {}
    for name, who, address in pages:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):  # also the warm-up request
            response = clients[who].get(address)
        if response.status_code != 200:
            location = response.get("Location", "")
            raise SystemExit(f"{name}: HTTP {response.status_code} {location}")
        size = len(response.content)
        times = samples(
            lambda c=clients[who], a=address: c.get(a),
            args.repeat,
            warmup=0,
            floor=floor_of[who],
        )
        results[name] = (*median_best(times), counter.count, size, who)
        print(
            f"{name}: median {results[name][0]:.3f} s, best {results[name][1]:.3f} s, "
            f"CPU {results[name][2]:.3f} s, {counter.count} queries, {size / 1024:.0f} KB "
            f"(floor alongside {results[name][3]:.3f} s)"
        )

    tables = {}
    mismatches = {}
    for who, user, scope in (
        ("coordinator", coordinator, None),
        ("agency lead", lead, [data["lead_agency_id"]]),
    ):
        table = coverage_table(user)
        floor = floor_counts(scope)
        cells = list(zip(table["agency_id"], table["module_id"], table["in_date"], strict=True))
        mismatches[who] = (
            sum(int(count) != floor.get((int(a), int(m)), 0) for a, m, count in cells),
            len(cells),
        )
        tables[who] = median_best(
            samples(lambda u=user: coverage_table(u), args.repeat, floor=floor_of[who])
        )
        print(
            f"table {who}: median {tables[who][0]:.3f} s, best {tables[who][1]:.3f} s, "
            f"CPU {tables[who][2]:.3f} s (floor alongside {tables[who][3]:.3f} s)"
        )

    print()
    print("Where one coordinator page's time goes (median of 2 requests, outermost calls):")
    print(f"  {'seconds':>8} {'calls':>6} {'queries':>8}  component")
    for name, seconds, calls, queries in component_times(clients["coordinator"], url):
        print(f"  {seconds:>8.3f} {calls:>6} {queries:>8}  {name}")
    print()
    profile(clients["coordinator"], url)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print()
    print(
        f"== Summary: {connection.vendor}, {counts['users']:,} learners "
        f"(load average {os.getloadavg()[0]:.1f} now, {load_before:.1f} at the start) =="
    )
    for name, (median, best, cpu, floor, queries, _, _) in results.items():
        print(
            f"{name}: {median:.2f} s (best {best:.2f} s, CPU {cpu:.2f} s; "
            f"floor {floor * 1000:.0f} ms, {median / floor:.1f}x), {queries} queries"
        )
    for who, (median, best, cpu, floor) in tables.items():
        print(
            f"table {who} (coverage_table): {median:.2f} s (best {best:.2f} s, CPU {cpu:.2f} s; "
            f"floor {floor * 1000:.0f} ms, {median / floor:.1f}x)"
        )
    for who, (median, best, _, _) in floors.items():
        print(
            f"floor {who} (one GROUP BY, alone): {median * 1000:.0f} ms (best {best * 1000:.0f} ms)"
        )
    for who, (wrong, total) in mismatches.items():
        verdict = "equal" if not wrong else f"{wrong} DIFFER"
        print(f"check {who}: table in_date vs floor: {total - wrong}/{total} cells {verdict}")
    print(f"peak memory (measuring process): {peak:.0f} MB ({rss_before:.0f} MB before the pages)")
    slowest = max(results.values(), key=lambda r: r[0])
    met = all(r[0] < 1 and r[0] <= 2 * r[3] for r in results.values())
    print(
        f"issue 15 target (every page under 1 s and within 2x its floor): slowest page "
        f"{slowest[0]:.2f} s -> {'met' if met else 'not met'}"
    )
    print(f"total run {time.perf_counter() - begun:.0f} s (database set up in {set_up:.0f} s)")


if __name__ == "__main__":
    main()
