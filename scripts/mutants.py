"""Mutation testing of the services and selectors with mutmut 3, one module at a time.

    make mutants                                  every module below, one after another
    make mutants MODULE=certificates/selectors.py one module (or a folder: courses/services/)
    .venv/bin/python scripts/mutants.py --list    the modules and the tests each one runs

mutmut puts small faults into one function at a time (``<`` for ``<=``, a dropped condition,
another constant) and runs the tests that reach that function; a test that fails "kills" the
mutant, a mutant every test passes "survives": a fault the suite would not notice.

How this fits the project (see docs/quality.md):

* Each module gets its own workspace, ``mutants/<module>/``, linking to the source folders,
  with its own mutmut cache and its own SQLite test database, created once and reused by every
  mutant (``--reuse-db``): building it from the migrations costs more than most tests.
* Only the test files listed for the module in ``MODULES`` run, and of those mutmut runs only
  the tests that reached the mutated function.
* ``site/`` is a source root, so ``site/accounts/services.py`` is imported as
  ``accounts.services``. mutmut names mutants after the file's path (as it does for ``src/``),
  so the runner strips the ``site.`` prefix from those names; nothing else is patched.
* Each run starts from fresh mutants (``--keep`` reuses the previous run's results), prints
  the score and the surviving mutants with their diffs, and writes the score table into
  docs/quality.md.

Mutants listed in ``EQUIVALENT`` change no behaviour anyone could observe; they are left out
of the score and listed with their reason in docs/quality.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "mutants"
DOC = ROOT / "docs" / "quality.md"
SOURCE_DIRS = ["courses", "certificates", "network", "site"]
BEGIN, END = "<!-- mutants:begin -->", "<!-- mutants:end -->"
EQUIVALENT_BEGIN, EQUIVALENT_END = "<!-- equivalent:begin -->", "<!-- equivalent:end -->"

# Module -> the test files whose tests may kill its mutants (kept small: 2 shared cores).
MODULES: dict[str, list[str]] = {
    "courses/services/__init__.py": ["tests/courses/test_services.py"],
    "courses/services/learning.py": [
        "tests/courses/test_services.py",
        "tests/courses/test_boundaries.py",
        "tests/courses/test_learning_boundaries.py",
    ],
    "courses/services/nudges.py": [
        "tests/courses/test_nudges.py",
        "tests/courses/test_nudges_boundaries.py",
    ],
    "courses/services/question_bank.py": [
        "tests/courses/test_question_bank.py",
        "tests/courses/test_question_import.py",
        "tests/courses/test_question_import_files.py",
        "tests/courses/test_quiz_formats.py",
        "tests/courses/test_quiz_roundtrip.py",
        "tests/courses/test_question_bank_boundaries.py",
    ],
    "courses/services/requirements.py": [
        "tests/courses/test_requirements.py",
        "tests/courses/test_requirement_services_boundaries.py",
    ],
    "courses/services/snapshots.py": [
        "tests/courses/test_snapshots.py",
        "tests/courses/test_board_report.py",
        "tests/courses/test_snapshot_services_boundaries.py",
    ],
    "courses/services/quizzes.py": [
        "tests/courses/test_quizzes.py",
        "tests/courses/test_quiz_formats.py",
        "tests/courses/test_boundaries.py",
        "tests/courses/test_quiz_typed.py",
        "tests/courses/test_quiz_fractions.py",
        "tests/courses/test_quiz_services_boundaries.py",
    ],
    "courses/selectors/__init__.py": [
        "tests/courses/test_selectors.py",
        "tests/courses/test_services.py",
        "tests/courses/test_selectors_boundaries.py",
        "tests/courses/test_page_queries.py",
    ],
    "courses/selectors/coverage.py": [
        "tests/courses/test_coverage.py",
        "tests/courses/test_boundaries.py",
        "tests/courses/test_coverage_as_at.py",
        "tests/courses/test_coverage_definitions.py",
        "tests/courses/test_coverage_drilldown.py",
        "tests/courses/test_coverage_one_pass.py",
        "tests/courses/test_coverage_recompute.py",
        "tests/courses/test_coverage_quality_boundaries.py",
        "tests/courses/test_coverage_people_boundaries.py",
    ],
    "courses/selectors/question_quality.py": [
        "tests/courses/test_question_quality.py",
        "tests/courses/test_quiz_text.py",
        "tests/courses/test_quiz_typed.py",
        "tests/courses/content/test_demo_question_quality.py",
        "tests/courses/test_question_quality_boundaries.py",
    ],
    "courses/selectors/requirements.py": [
        "tests/courses/test_requirements.py",
        "tests/courses/test_requirement_services_boundaries.py",
    ],
    "courses/selectors/snapshots.py": [
        "tests/courses/test_snapshots.py",
        "tests/courses/test_board_report.py",
        "tests/courses/test_snapshot_selectors_boundaries.py",
    ],
    "courses/selectors/quizzes.py": [
        "tests/courses/test_quizzes.py",
        "tests/courses/test_quiz_typed.py",
        "tests/courses/test_boundaries.py",
        "tests/courses/test_quiz_selectors_boundaries.py",
    ],
    "certificates/services.py": [
        "tests/certificates/test_services.py",
        "tests/certificates/test_boundaries.py",
        "tests/certificates/test_in_force.py",
    ],
    "certificates/selectors.py": [
        "tests/certificates/test_boundaries.py",
        "tests/certificates/test_views.py",
    ],
    "network/services.py": [
        "tests/network/test_services.py",
        "tests/network/test_boundaries.py",
        "tests/network/test_claim.py",
        "tests/network/test_apply.py",
        "tests/network/test_manage.py",
        "tests/network/test_hours.py",
        "tests/network/test_listing_changes.py",
        "tests/network/test_review_admin.py",
        "tests/network/test_staff_import.py",
        "tests/network/test_geocoding.py",
        "tests/network/test_services_boundaries.py",
    ],
    "network/selectors.py": [
        "tests/network/test_selectors.py",
        "tests/network/test_boundaries.py",
        "tests/network/test_finder.py",
        "tests/network/test_services.py",
        "tests/network/test_apply.py",
        "tests/network/test_claim.py",
        "tests/network/test_manage.py",
        "tests/network/test_hours.py",
        "tests/network/test_listing_changes.py",
        "tests/network/test_review_admin.py",
        "tests/network/test_listing_selectors_boundaries.py",
        "tests/network/test_selectors_boundaries.py",
    ],
    "site/accounts/services.py": [
        "tests/accounts/test_signup.py",
        "tests/accounts/test_agency_confirmation.py",
        "tests/network/test_staff_import.py",
        "tests/accounts/test_services_boundaries.py",
    ],
    "site/accounts/security.py": [
        "tests/accounts/test_login.py",
        "tests/accounts/test_sessions.py",
        "tests/accounts/test_admin_door.py",
        "tests/accounts/test_security_boundaries.py",
    ],
    "site/accounts/privacy.py": [
        "tests/accounts/test_privacy.py",
        "tests/accounts/test_privacy_export.py",
        "tests/accounts/test_privacy_export_contents.py",
        "tests/accounts/test_boundaries.py",
        "tests/xapi/test_privacy.py",
    ],
    "site/config/ratelimit.py": [
        "tests/config/test_ratelimit.py",
        "tests/config/test_ratelimit_boundaries.py",
    ],
}

# Mutant name -> why no test can tell it from the original (left out of the score).
EQUIVALENT: dict[str, str] = {
    "courses.selectors.requirements.x_target_counts__mutmut_12": "values_list(flat=True) "
    "with no field names reads the first field, the primary key",
    "courses.selectors.requirements.x_person_of__mutmut_2": "someone signed in with a job "
    "role but no agency then finds no active agency with no id: None either way",
    "courses.selectors.requirements.x_person_of__mutmut_18": "a person's email is read only "
    "for reminders, whose people come from person_from_row",
    "courses.selectors.requirements.x_person_from_row__mutmut_21": "its rows come from "
    "reminder_candidates, people who count, so confirmed: the date is never missing",
    "courses.selectors.snapshots.x__change__mutmut_5": "the figures compared are whole "
    "numbers (people; coverage from percent(), an int), which round() leaves as they are",
    "courses.selectors.snapshots.x__change__mutmut_7": "as _5",
    "courses.selectors.snapshots.x__change__mutmut_9": "as _5",
    "courses.selectors.snapshots.x_board_report__mutmut_11": "the live report's moment is "
    "the present: nothing is issued after it, so counting to the end of tomorrow instead "
    "of today adds nobody",
    "courses.selectors.snapshots.x_board_report__mutmut_13": "as _11: records judged as "
    "at the present moment or as they stand are the same",
    "courses.selectors.snapshots.x_board_report__mutmut_9": "as _11: the live report's "
    "moment is the present, so its date is today's",
    "courses.selectors.snapshots.x_default_choice__mutmut_5": "ordering by year alone: "
    "both databases read the unique (year, quarter) index backwards for it, so the latest "
    "quarter of the year still comes first",
    "courses.selectors.snapshots.x_snapshot_choices__mutmut_11": "as x_default_choice__mutmut_5",
    "courses.selectors.snapshots.xǁQuarterǁprevious__mutmut_10": "(n + 2) % 4 and "
    "(n - 2) % 4 are the same number: -2 and 2 differ by 4",
    "courses.selectors.snapshots.x_figures_at__mutmut_15": "given the period and the "
    "sectors, headlines reads its moment only to default them",
    "courses.selectors.snapshots.x_figures_at__mutmut_20": "as _15 (no moment)",
    "courses.selectors.snapshots.x_figures_at__mutmut_16": "without a period, headlines "
    "counts the quarter containing the moment up to the end of its day: for a quarter's "
    "last moment, that quarter",
    "courses.selectors.snapshots.x_figures_at__mutmut_21": "as _16",
    "courses.selectors.snapshots.x_figures_at__mutmut_17": "without the sectors, headlines "
    "works them out again for the same moment: the same figures, more queries",
    "courses.selectors.snapshots.x_figures_at__mutmut_22": "as _17",
    "courses.selectors.snapshots.x_figures_at__mutmut_76": "an agency's sector is one of "
    "Sector's choices (a choices field), so its name is always found",
    "courses.selectors.snapshots.x_figures_at__mutmut_77": "as _76",
    "courses.selectors.snapshots.x_figures_at__mutmut_35": "with no sectors the sum of "
    "the empty column is 0 as well",
    "courses.selectors.snapshots.x_board_report__mutmut_27": "the exception's message is "
    "never shown: the page only asks for quarters its picker offers and words its own refusal",
    "courses.selectors.snapshots.xǁQuarterǁparse__mutmut_3": "with two '-Q' in a key, "
    "either the year (rpartition) or the number (partition) keeps one: refused either way",
    "courses.selectors.snapshots.xǁQuarterǁparse__mutmut_5": "an empty key and 'XXXX' "
    "are both refused",
    "courses.services.requirements.x_agency_leads__mutmut_4": "no other app has a "
    "permission named view_own_agency_coverage",
    "courses.services.requirements.x_send_overdue_reminders__mutmut_30": "required_modules "
    "reads the live requirements itself when given none: the same list, one query more",
    "courses.services.requirements.x_send_overdue_reminders__mutmut_33": "as _30",
    "courses.services.requirements.x_send_overdue_reminders__mutmut_36": "required_modules "
    "returns a list for every person it is given, so the default is never used",
    "courses.services.requirements.x_send_overdue_reminders__mutmut_38": "as _36",
    "courses.services.snapshots.x_quarters_due__mutmut_7": "ordering by year alone: both "
    "databases read the unique (year, quarter) index backwards for it, so the latest "
    "quarter of the year still comes first (a test storing Q1 before Q3 passes)",
    "courses.services.snapshots.x_quarters_due__mutmut_21": "the newest snapshot's own "
    "quarter, added last when the loop reaches it, is already stored and left out",
    "courses.selectors.x_add_months__mutmut_23": "the error of a line that cannot be reached "
    "(every month has a 28th day)",
    "courses.selectors.x__live_lesson_count__mutmut_11": "lessons sit only directly under "
    "a module (LessonPage.parent_page_types), so every lesson below it is one level down",
    "courses.selectors.x__live_lesson_count__mutmut_18": "the constant only puts every "
    "lesson into one group; any constant does",
    "courses.selectors.x__live_lesson_count__mutmut_19": "as _18 (2 for 1)",
    "courses.selectors.x__live_lesson_count__mutmut_32": "a Count is read as an integer "
    "with or without the output field named",
    "courses.selectors.x__live_lesson_count__mutmut_34": "as _32",
    "courses.selectors.x_module_outline__mutmut_9": "only() always loads the primary key",
    "courses.selectors.x__live_lesson_count__mutmut_28": "the count subquery aggregates "
    "without a GROUP BY, so it always returns a row (0 with no lessons): Coalesce never "
    "applies",
    "courses.selectors.x__live_lesson_count__mutmut_35": "as _28 (1 for 0)",
    "courses.selectors.x_catalogue_modules__mutmut_66": "a scalar subquery limited to 2 rows: "
    "SQLite takes the first, as with 1; PostgreSQL refuses a second row, which the tests "
    "with two completions catch in CI's PostgreSQL stage",
    "courses.selectors.x_current_enrolment__mutmut_5": "the second key only separates two "
    "enrolments of one person and module completed at the same microsecond (at most one "
    "is open: a database constraint)",
    "courses.selectors.x__refresh_warning_at__mutmut_1": "every caller passes the due date "
    "of a completed enrolment, never None",
    "courses.selectors.x_catalogue_changes_at__mutmut_15": "the default is only read when "
    "a module has a completion but no enrolment_open annotation; catalogue_modules gives both",
    "courses.selectors.x_catalogue_changes_at__mutmut_18": "as _15 (no default)",
    "courses.selectors.x_catalogue_changes_at__mutmut_21": "as _15 (True)",
    "courses.selectors.x_learner_status__mutmut_3": "None for False as the default: both false",
    "courses.selectors.x_catalogue_modules__mutmut_30": "on SQLite the database search "
    "backend's default operator is already AND; on PostgreSQL it is OR, and the test that "
    "every word is needed (test_selectors_boundaries) runs there in CI",
    "courses.selectors.quizzes.x_attempt_for_user__mutmut_8": "the Http404 message is never "
    "shown (DEBUG is off; the 404 page has its own words)",
    "courses.selectors.quizzes.x_attempt_for_user__mutmut_9": "as _8",
    "courses.selectors.quizzes.x_attempt_for_user__mutmut_10": "as _8",
    "courses.selectors.quizzes.x_attempt_for_user__mutmut_11": "as _8",
    "courses.services.nudges.x_nudge_required_missing__mutmut_4": "the PermissionDenied "
    "message is never shown: the 403 page has its own words",
    "courses.services.nudges.x_nudge_required_missing__mutmut_5": "as _4",
    "courses.services.nudges.x_nudge_required_missing__mutmut_6": "as _4",
    "courses.services.nudges.x_nudge_required_missing__mutmut_7": "as _4",
    "courses.services.nudges.x_nudge_required_missing__mutmut_27": "the first read of the "
    "audit log finds nobody, so each person is looked at again under the lock, which finds the "
    "reminder: the same result, one query more each",
    "courses.services.nudges.x_nudge_required_missing__mutmut_30": "as _27 (the module left "
    "out of the first read)",
    "courses.services.learning.x_refresh_completion__mutmut_3": "select_related(None): the "
    "module is then read when completion rules need it, the same row; one query more",
    "courses.services.learning.x_refresh_completion__mutmut_11": "saving every field of a "
    "row just read under a lock writes back the values it holds",
    "config.ratelimit.x__as_ip__mutmut_20": "split(':') without maxsplit: the branch only "
    "runs when the value has exactly one ':'",
    "config.ratelimit.x__as_ip__mutmut_21": "rsplit for split: exactly one ':' there",
    "config.ratelimit.x__as_ip__mutmut_23": "maxsplit 2 for 1: exactly one ':' there",
    "config.ratelimit.x_client_ip__mutmut_10": "a missing REMOTE_ADDR read as 'XXXX' instead "
    "of '': neither is an address, both give 'unknown'",
    "config.ratelimit.x_client_ip__mutmut_30": "a missing X-Forwarded-For read as 'XXXX' "
    "instead of '': one entry that is not an address, so the peer address either way",
    "config.ratelimit.x_once__mutmut_2": "the marker's value (None for 1) is never read; "
    "only whether the key exists",
    "config.ratelimit.x_once__mutmut_7": "the marker's value (2 for 1) is never read",
    "certificates.selectors.x_by_number_and_code__mutmut_13": "the stand-in code compared "
    "when no certificate has the number is thrown away either way",
    "certificates.selectors.x_by_number_and_code__mutmut_14": "as _13 ('x' * 32)",
    "certificates.selectors.x_by_number_and_code__mutmut_15": "as _13 ('X' * 33)",
    "certificates.selectors.x_own_certificate__mutmut_8": "the Http404 message is never "
    "shown (DEBUG is off; the 404 page has its own words)",
    "certificates.selectors.x_own_certificate__mutmut_9": "as _8: the Http404 message",
    "certificates.selectors.x_own_certificate__mutmut_10": "as _8: the Http404 message",
    "certificates.selectors.x_own_certificate__mutmut_11": "as _8: the Http404 message",
    "certificates.services.x_next_number__mutmut_7": "saving every field of the counter: it "
    "has no field but the year and the count",
    "certificates.services.x_issue_certificate__mutmut_1": "without the look-up, the unique "
    "enrolment makes the insert fail and the except returns the same certificate; the "
    "number taken is rolled back with it",
    "certificates.services.x_revoke_certificate__mutmut_3": "the ValueError's words are never "
    "shown: the revoke form itself requires a reason",
    "certificates.services.x_revoke_certificate__mutmut_4": "as _3",
    "certificates.services.x_revoke_certificate__mutmut_5": "as _3",
    "certificates.services.x_revoke_certificate__mutmut_6": "as _3",
    "certificates.services.x_reissue_certificate__mutmut_4": "the ValueError's words are "
    "never shown: the Reissue button only appears when the holder's account exists",
    "certificates.services.x_reissue_certificate__mutmut_5": "as _4",
    "certificates.services.x_reissue_certificate__mutmut_22": "enrolment=None left out: "
    "None is the field's default",
    "certificates.services.x_reissue_certificate__mutmut_31": "revoked_at=None left out: "
    "None is the field's default",
    "certificates.services.x_issue_missing_certificates__mutmut_6": "select_related('module') "
    "left out: the same certificates are issued, each reading its module in one more query",
    "certificates.services.x_issue_missing_certificates__mutmut_12": "completed_at__isnull="
    "False left out: completed_at__gte already excludes empty dates",
    "accounts.services.x_confirm_agency_by_domain__mutmut_1": "'and' for 'or' in the first "
    "guard: someone without an agency then fails the domain check, someone already confirmed "
    "the update's agency_confirmed_at__isnull filter; the same False, two queries later",
    "accounts.services.x_confirm_agency_by_domain__mutmut_15": "agency_confirmed_by=None left "
    "out of the update: it only touches rows whose agency_confirmed_at is empty, and every "
    "writer sets or clears the two fields together, so agency_confirmed_by is empty there",
    "accounts.services.x_preregister__mutmut_7": "password=None left out: None is "
    "create_user's default (no usable password either way)",
    "accounts.services.x_preregister__mutmut_17": "verified=False left out: False is "
    "EmailAddress.verified's default",
    "accounts.services.xǁStaffImportRejectedǁ__init____mutmut_1": "the exception's words are "
    "never shown or logged: its one caller (network.admin_views) catches it and shows its own",
    "accounts.security.x_record_activation_as_code_step__mutmut_10": "getattr without its "
    "default: request.user is a User or an AnonymousUser, and both have pk",
    "accounts.security.x_record_activation_as_code_step__mutmut_17": "the record's id (None "
    "for the authenticator's): allauth reads only a record's method (and, for passkeys, "
    "type == 'webauthn'); nothing in the project reads records but their method",
    "accounts.security.x_record_activation_as_code_step__mutmut_18": "as _17: the record's "
    "type (None for 'totp'; neither is 'webauthn')",
    "accounts.security.x_record_activation_as_code_step__mutmut_19": "as _17: the record's "
    "'activated' (None for True)",
    "accounts.security.x_record_activation_as_code_step__mutmut_23": "as _17: id left out",
    "accounts.security.x_record_activation_as_code_step__mutmut_24": "as _18: type left out",
    "accounts.security.x_record_activation_as_code_step__mutmut_25": "as _19: 'activated' left out",
    "accounts.security.x_record_activation_as_code_step__mutmut_28": "as _19: 'activated' "
    "False for True",
    "accounts.security.x_count_failed_sign_in__mutmut_3": "no address read as 'XXXX' instead "
    "of '': no account has that address, so None either way (and nothing counted)",
    "accounts.security.xǁStaffSessionMiddlewareǁ__call____mutmut_6": "getattr without its "
    "default: AuthenticationMiddleware, earlier in MIDDLEWARE, always sets request.user",
    "accounts.security.x_end_sessions_of__mutmut_2": "the count it returns starts at 1: "
    "neither caller (the deactivation signal, erase_user) reads the count",
    "accounts.security.x_end_sessions_of__mutmut_4": "as _2: the count (= 1 for += 1)",
    "accounts.security.x_end_sessions_of__mutmut_5": "as _2: the count (-= 1 for += 1)",
    "accounts.security.x_end_sessions_of__mutmut_6": "as _2: the count (+= 2 for += 1)",
    "courses.services.quizzes.x_extend_time__mutmut_23": "a deadline left after the time "
    "limit was removed: 10 or 11 minutes halved and rounded down are both 5, the minimum",
    "courses.services.quizzes.x_extend_time__mutmut_32": "every field saved instead of the "
    "deadline: the row was read under its lock in this transaction, so the others are unchanged",
    "network.selectors.x_agency_for_email__mutmut_8": (
        "every active agency's domains read, not only the candidates': the loop after it returns "
        "only a candidate domain, so the same agency"
    ),
    "network.selectors.x_trained_counts__mutmut_13": (
        "user__is_active=True, in the next filter, already leaves out invitations, which have no "
        "account"
    ),
    "network.selectors.x_address_problem__mutmut_3": (
        "no address read as 'XXXX': no account has it, so 'different' either way"
    ),
    "network.selectors.x_address_problem__mutmut_9": (
        "every caller passes request.user or an account, which always has is_authenticated: the "
        "default is never read"
    ),
    "network.selectors.x_address_problem__mutmut_12": "as _9",
    "network.selectors.x_address_problem__mutmut_15": "as _9",
    "network.selectors.x_listed_venue__mutmut_2": (
        "for one venue, prefetching its hours or reading them when the page shows them is the "
        "same one query"
    ),
    "network.selectors.x_listed_venue__mutmut_7": (
        "the 404 page never shows the exception's text (site/templates/404.html)"
    ),
    "network.selectors.x_listed_venue__mutmut_8": "as _7",
    "network.selectors.x_listed_venue__mutmut_9": "as _7",
    "network.selectors.x_listed_venue__mutmut_10": "as _7",
    "network.selectors.x_reminders_due__mutmut_5": (
        "both conditions after it compare next_check_due with a date, which a missing date never "
        "passes"
    ),
    "network.selectors.x_find_venues__mutmut_2": (
        "the finder view, the only caller, passes the radius"
    ),
    "network.selectors.x_find_venues__mutmut_3": (
        "the finder view, the only caller, passes the limit"
    ),
    "network.selectors.x__nearest__mutmut_3": (
        "a wider margin only lets more rows reach the exact distance check, which drops those "
        "outside the radius"
    ),
    "network.selectors.x__nearest__mutmut_15": (
        "a bigger box only lets more rows reach the distance filter, which drops them (slower, "
        "the same places)"
    ),
    "network.selectors.x__nearest__mutmut_18": "as _15",
    "network.selectors.x__nearest__mutmut_22": "as _15: no box north to south",
    "network.selectors.x__nearest__mutmut_23": "as _15: no box east to west",
    "network.selectors.x__nearest__mutmut_73": (
        "as _3: every circle searched is 2 km or more, so the cube of the reach is larger than "
        "its square"
    ),
    "network.selectors.x__nearest__mutmut_85": "as _3: one more row of margin",
    "network.selectors.x_change_rows__mutmut_14": "_show does not read its field argument",
    "network.selectors.x_change_rows__mutmut_20": "as _14",
    "network.selectors.x_change_rows__mutmut_39": (
        "zip's strict is False by default, and None is false"
    ),
    "network.selectors.x_change_rows__mutmut_42": "as _39",
    "network.selectors.x_trained_count__mutmut_11": (
        "as x_trained_counts__mutmut_13: user__is_active=True already leaves out invitations, "
        "which have no account"
    ),
    "network.selectors.x_has_claimed_contact__mutmut_7": "as x_trained_counts__mutmut_13",
    "network.selectors.x_venue_staff__mutmut_1": (
        "no moment means today: certificates.validity.day_of(None) is today's date, the same as "
        "now's"
    ),
    "network.selectors.x_venue_staff__mutmut_2": "as _1",
    "network.selectors.x_venue_staff__mutmut_17": "as _1",
    "network.selectors.x_venue_staff__mutmut_27": (
        "one certificate per person and module is in force at a time (certificates.validity), so "
        "the subquery has one row at most"
    ),
    "network.selectors.x_managed_venue__mutmut_5": (
        "as x_listed_venue__mutmut_7: the 404 page never shows the exception's text"
    ),
    "network.selectors.x_managed_venue__mutmut_6": "as _5",
    "network.selectors.x_managed_venue__mutmut_7": "as _5",
    "network.selectors.x_managed_venue__mutmut_8": "as _5",
    "courses.services.quizzes.x_submit_attempt__mutmut_29": "a quiz with no questions scores "
    "0, and 0 divided by 1 or by 2 is 0",
    "courses.services.quizzes.x_submit_attempt__mutmut_74": "after a fail, refresh_completion "
    "finds the quiz rule outstanding and changes nothing; a second grading never happens",
    "courses.services.quizzes.x_submit_attempt__mutmut_5": "the quiz read by a second "
    "query instead of a join: the same attempt and quiz",
    "courses.services.quizzes.x_save_answers__mutmut_62": "as x_extend_time__mutmut_32: "
    "every field saved instead of the answers, of a row read under its lock in this "
    "transaction",
    "accounts.privacy.x_apply_retention__mutmut_17": "values_list() without a field name: "
    "flat=True then gives the first column, which is the id (the pk) anyway",
    "accounts.privacy.x_export_json__mutmut_4": "ensure_ascii=None for False: json only "
    "tests it for truth, so the same text",
    "accounts.privacy.x_export_json__mutmut_12": "the codec named 'UTF-8' for 'utf-8': "
    "Python's codec names ignore case, so the same bytes",
    "accounts.privacy.x__csv__mutmut_11": "as x_export_json__mutmut_12",
    "accounts.privacy.x__csv__mutmut_20": "as x_export_json__mutmut_12",
    "accounts.privacy.x__reflection_question__mutmut_7": "another default for a missing "
    "question: a reflection block's StructValue always holds every child block (Wagtail fills "
    "a missing one with its default), and the question is required, so .get never falls back",
    "accounts.privacy.x__reflection_question__mutmut_9": "as _7",
    "accounts.privacy.x__reflection_question__mutmut_12": "as _7",
    "accounts.privacy.x__training_bookings__mutmut_16": "the tie order of two bookings made "
    "in the same microsecond: SQLite returns ties in row order anyway (the PostgreSQL run "
    "keeps the pk)",
    "accounts.privacy.x__training_bookings__mutmut_17": "select_related(None) clears the "
    "join: the same rows, read with more queries",
    "accounts.privacy.x_export_user_data__mutmut_96": "as x__training_bookings__mutmut_16: "
    "the tie order of two enrolments started in the same microsecond",
    "accounts.privacy.x_export_user_data__mutmut_157": "as _96, for reflection notes",
    "accounts.privacy.x_export_user_data__mutmut_202": "as _96, for quiz attempts",
    "accounts.privacy.x_export_user_data__mutmut_227": "as _96, for certificates",
    "accounts.privacy.x_export_user_data__mutmut_99": "as x__training_bookings__mutmut_17: "
    "one join fewer, the same rows read with more queries",
    "accounts.privacy.x_export_user_data__mutmut_100": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_158": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_203": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_228": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_253": "a certificate's status on today's "
    "date, read a few milliseconds after the export's own moment: the same day (an export "
    "started a millisecond before midnight aside)",
    "accounts.privacy.x_export_user_data__mutmut_255": "as _253",
    "accounts.privacy.x_export_user_data__mutmut_286": "as _96, for face-to-face sessions",
    "accounts.privacy.x_export_user_data__mutmut_340": "as _96, for training reminders",
    "accounts.privacy.x_export_user_data__mutmut_362": "as _96, for audit events",
    "accounts.privacy.x_export_user_data__mutmut_262": "as _99 (the status reads "
    "superseded_by_id, not the row it names)",
    "accounts.privacy.x_export_user_data__mutmut_289": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_290": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_316": "as _99",
    "accounts.privacy.x_export_user_data__mutmut_341": "as _99",
    "accounts.privacy.x__text_variants__mutmut_3": "a shorter slice of the escaped name is "
    "a substring of it: the database pre-filter finds the same rows and maybe more, and the "
    "scrub itself (a regular expression on the decoded value) changes only real matches",
    "accounts.privacy.x__text_variants__mutmut_4": "as _3: an empty slice matches every row",
    "accounts.privacy.x__text_variants__mutmut_5": "as _3",
    "accounts.privacy.x_erase_user__mutmut_23": "end_sessions_of(user) just before has ended "
    "(and deleted) each of their UserSessions: the second delete finds none either way",
    "accounts.privacy.x_erase_user__mutmut_25": "save=None for False: Django tests it for "
    "truth; the profile row is deleted next anyway",
    "accounts.privacy.x_erase_user__mutmut_26": "save=True stores the profile without its "
    "avatar a moment before the row is deleted: the same end state",
    "accounts.privacy.x_erase_user__mutmut_28": "as _25, for an uploaded file",
    "accounts.privacy.x_erase_user__mutmut_29": "as _26, for an uploaded file",
    "accounts.privacy.x__scrub_text_rows__mutmut_7": "Cast(data, None): the annotation keeps "
    "the JSON field's own type, whose icontains compares the same stored text on SQLite",
    "accounts.privacy.x__scrub_text_rows__mutmut_30": "the count of rows changed is returned "
    "but no caller reads it",
    "accounts.privacy.x__scrub_text_rows__mutmut_31": "as _30",
    "accounts.privacy.x__scrub_text_rows__mutmut_32": "as _30",
    "courses.selectors.coverage.x_data_quality__mutmut_10": "an empty coverage table has "
    "every column already, so dropping duplicates from it gives the same empty frame",
    "courses.selectors.coverage.x_data_quality__mutmut_16": "the empty frame's column names: "
    "it has no rows, so no row's agency is ever read",
    "courses.selectors.coverage.x_data_quality__mutmut_17": "as _16",
    "courses.selectors.coverage.x_data_quality__mutmut_18": "as _16",
    "courses.selectors.coverage.x_data_quality__mutmut_19": "as _16",
    "courses.selectors.coverage.x_data_quality__mutmut_25": "astype(None) is numpy's default "
    "type, float64: the same conversion",
    "courses.services.question_bank.x__save_batch__mutmut_13": "zip(strict=True) only checks "
    "that both lists have the same length, and they always have: one held set of children "
    "per question, one revision per question (bulk_create returns one row per object)",
    "courses.services.question_bank.x__save_batch__mutmut_16": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_17": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_69": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_72": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_73": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_110": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_113": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_114": "as _13",
    "courses.services.question_bank.x__save_batch__mutmut_42": "Question is a concrete model, "
    "not a proxy: for_concrete_model makes no difference to its content type",
    "courses.services.question_bank.x__save_batch__mutmut_44": "as _42",
    "courses.services.question_bank.x__save_batch__mutmut_45": "as _42",
    "courses.services.question_bank.x__save_batch__mutmut_97": "a log entry's data defaults "
    "to {} (Wagtail's BaseLogEntry), the value given",
    "courses.services.question_bank.x_parse_upload__mutmut_75": "both parsers report a file "
    "with no questions themselves (line 1, tests/courses/test_question_bank_boundaries.py), "
    "so this last check never finds one",
    "courses.services.question_bank.x_parse_upload__mutmut_76": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_77": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_78": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_79": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_80": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_81": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_82": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_83": "as _75",
    "courses.services.question_bank.x_parse_upload__mutmut_84": "as _75",
    "courses.services.question_bank.x__text__mutmut_2": "html.escape(quote=None): None is "
    "as false as False, so quotes are left as they are either way",
    "courses.services.question_bank.x_expire_unconfirmed_imports__mutmut_21": "values_list() "
    "without a field name: flat=True then gives the first column, the primary key",
    "courses.services.question_bank.x_expire_unconfirmed_imports__mutmut_25": "the ids are "
    "then every old import, but the update that follows keeps only the waiting ones, and "
    "_delete_files only deletes the files of finished imports, which hold none already",
    "courses.services.question_bank.x_expire_unconfirmed_imports__mutmut_43": "the ids were "
    "read with the same status filter, locked (select_for_update), in this transaction: "
    "their status cannot change before the update",
    "courses.services.question_bank.x_index_imported_questions__mutmut_6": "the site has "
    "one search backend, with AUTO_UPDATE (Wagtail's default): with_auto_update=None or "
    "False lists the same one backend",
    "courses.services.question_bank.x_index_imported_questions__mutmut_7": "as _6",
    "courses.services.question_bank.x__rewrite__mutmut_7": "every picture left in a text "
    "has an @@PLUGINFILE@@ src: the parser refuses any other (tests/courses/test_quiz_text.py)"
    ", so the default for a missing src is never used",
    "courses.services.question_bank.x__rewrite__mutmut_9": "as _7",
    "courses.services.question_bank.x__rewrite__mutmut_12": "as _7",
    "courses.services.question_bank.x__rewrite__mutmut_66": "a text without @@PLUGINFILE@@ "
    "has no picture (as _7) and no link to a file: the substitutions change nothing, they "
    "are only skipped for speed",
    "courses.services.question_bank.x_run_import__mutmut_3": "defer(None) clears the "
    "deferral: the preview is read too, for nothing; the same import",
    "courses.services.question_bank.x_run_import__mutmut_11": "with no user id, "
    "filter(pk=None).first() is None, as the else branch",
    "courses.services.question_bank.x_run_import__mutmut_51": "the progress writer has "
    "already written done = total after the last batch (a call with done = total is always "
    "written), so the final update repeats it",
    "courses.services.question_bank.x_run_import__mutmut_52": "as _51",
    "courses.services.question_bank.x_run_import__mutmut_53": "as _51: the time of the last "
    "batch's write, moments before",
    "courses.services.question_bank.xǁ_FileStoreǁ_image__mutmut_5": "values_list() without a "
    "field name: flat=True then gives the first column, the primary key",
    "courses.services.question_bank.xǁ_FileStoreǁ_image__mutmut_20": "an image's collection "
    "defaults to the root collection (Wagtail's CollectionMember), the one given",
    "courses.services.question_bank.x__delete_files__mutmut_1": "defer(None) reads each "
    "file's bytes before deleting it, for nothing: the same rows deleted",
    "courses.services.question_bank.x__delete_files__mutmut_4": "an import's files are "
    "deleted as it finishes (imported, failed or expired), so no other finished import "
    "holds any to delete",
    "courses.services.question_bank.x__delete_files__mutmut_5": "every caller has just "
    "marked these imports finished (failed, imported or expired), so the status filter "
    "keeps them all",
    "courses.services.question_bank.x_confirm_import__mutmut_10": "a ready import's "
    "progress total is already its question count (run_parse sets both)",
    "courses.services.question_bank.x_decode_upload__mutmut_2": "Python reads codec names "
    "without regard to case",
    "courses.services.question_bank.x_decode_upload__mutmut_4": "as _2",
    "courses.services.question_bank.x_decode_upload__mutmut_9": "as _2",
    "courses.services.question_bank.x_preview_item__mutmut_3": "its one caller (run_parse) "
    "always passes a store, and the parser refuses a reference to a file the upload does "
    "not hold, so neither is ever None",
    "courses.services.question_bank.x_preview_item__mutmut_5": "as _3",
    "courses.services.question_bank.x_preview_item__mutmut_40": "the quiz page's snapshot "
    "of a question always holds general_feedback (and each option and typed answer its "
    "feedback), so the default of .get() is never used",
    "courses.services.question_bank.x_preview_item__mutmut_42": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_45": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_63": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_65": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_68": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_98": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_100": "as _40",
    "courses.services.question_bank.x_preview_item__mutmut_103": "as _40",
    "courses.services.question_bank.x__preview_text__mutmut_16": "a picture reference "
    "matched here always has an @@PLUGINFILE@@ src (the pattern requires it), so the default "
    "is never used",
    "courses.services.question_bank.x__preview_text__mutmut_18": "as _16",
    "courses.services.question_bank.x__preview_text__mutmut_21": "as _16",
    "courses.services.question_bank.x__preview_text__mutmut_63": "file_for never returns "
    "None (as x_preview_item__mutmut_3), so the else branch is never taken",
    "courses.services.question_bank.x__preview_text__mutmut_65": "as _63",
    "courses.services.question_bank.x_run_parse__mutmut_15": "as x_run_import__mutmut_3",
    "courses.services.question_bank.xǁ_ProgressWriterǁ__init____mutmut_4": "time.monotonic() "
    "counts seconds from boot: the first write is due whether the last one was at 0 or 1",
    "courses.services.question_bank.x_run_parse__mutmut_40": "previews of the questions of a "
    "file with problems are built and then thrown away with the file's copies (_fail): the "
    "same failed import, more work",
    "courses.services.question_bank.x_preview_item__mutmut_127": "parse_upload gives every "
    "question its quality_flags, so getattr's default is never used",
    "courses.services.question_bank.x_preview_item__mutmut_130": "as _127",
    "courses.services.question_bank.x_preview_item__mutmut_23": "shuffle_options=None is as "
    "false as False",
    "courses.selectors.coverage.x_learners_for_cell__mutmut_3": "learners, which it calls "
    "with the same agency, refuses an agency out of scope itself, with the same exception "
    "and message",
    "courses.selectors.coverage.x_learners_for_cell__mutmut_5": "as _3",
    "courses.selectors.coverage.x_learners_for_cell__mutmut_6": "as _3",
    "courses.selectors.coverage.x_learners_for_cell__mutmut_7": "as _3",
    "courses.selectors.coverage.x_learners_for_cell__mutmut_8": "as _3",
    "courses.selectors.coverage.x__detail__mutmut_11": "the empty frame's column names: with "
    "no agency or no live module the grid is empty, and _table and _roles return their own "
    "empty frames without reading it (the dashboard checks the same before calling _detail)",
    "courses.selectors.coverage.x__detail__mutmut_12": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_13": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_14": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_15": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_16": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_17": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_18": "as _11",
    "courses.selectors.coverage.x__detail__mutmut_19": "as _11",
    "courses.selectors.coverage.x_learners__mutmut_35": "people_q reads `requirements or []`: "
    "None and [] are the same there",
    "courses.selectors.coverage.x_learners__mutmut_37": "as _35",
    "courses.selectors.coverage.x_learners__mutmut_96": "at most one certificate per person "
    "and module is in force (a database constraint), so the subquery has one row or none",
    "courses.selectors.coverage.x_confidence_change__mutmut_65": "SQL keywords and unquoted "
    "names are read without regard to case by SQLite and PostgreSQL (which folds them to "
    "lower case, as the columns are named)",
    "courses.selectors.coverage.x_confidence_change__mutmut_66": "as _65",
    "courses.selectors.coverage.x_confidence_change__mutmut_68": "as _65",
    "courses.selectors.coverage.x_confidence_change__mutmut_69": "as _65",
    "courses.selectors.coverage.x_sector_rows__mutmut_34": "percent() returns None for a NaN "
    "headcount itself",
    "courses.selectors.coverage.x_sector_rows__mutmut_49": "pandas reads to_dict's orient "
    "in lower case ('RECORDS' is 'records')",
    "accounts.privacy.x_export_user_data__mutmut_14": "get_job_role_display() of an empty "
    "job role is the empty string anyway (not one of the choices: the value itself)",
    "network.services.x_send_check_reminders__mutmut_9": "skip_locked=None for True: "
    "SQLite has no row locks, and on PostgreSQL a worker that waits for the row re-reads it "
    "after the first worker's commit, when it no longer matches (reminded): the same emails, "
    "later (tests/network/test_concurrency.py)",
    "network.services.x_send_check_reminders__mutmut_11": "as _9: skip_locked=False",
    "network.services.x_retry_geocoding__mutmut_4": "values_list() without a field name: "
    "flat=True then gives the first column, which is the id (the pk) anyway",
    "network.services.x_remove_member__mutmut_9": "data=None for {}: wagtail's log_action "
    "stores `data or {}`",
    "network.services.x_remove_member__mutmut_13": "as _9: no data given is None",
    "network.services.x_set_location__mutmut_13": "as x_remove_member__mutmut_9",
    "network.services.x_set_location__mutmut_17": "as x_remove_member__mutmut_9",
    "network.services.x_claim_venue__mutmut_38": "as x_remove_member__mutmut_9",
    "network.services.x_claim_venue__mutmut_43": "as x_remove_member__mutmut_9",
    "network.services.x_claim_venue__mutmut_10": "the hash of a fixed word for no token: "
    "claim tokens are 32 random bytes, so neither that hash nor the hash of '' is ever stored",
    "network.services.x__lapse__mutmut_4": "transition reads `now` only when approving (the "
    "approval gate and the next check's date); a lapse is logged when it is written",
    "network.services.x__lapse__mutmut_9": "as _4",
    "network.services.x__lapse__mutmut_7": "by=None is transition's default",
    "network.services.x_lapse_venues__mutmut_11": "as x__lapse__mutmut_4",
    "network.services.x_lapse_venues__mutmut_27": "as x__lapse__mutmut_4",
    "network.services.x_confirm_details__mutmut_32": "as x__lapse__mutmut_4: back to review "
    "does not read `now`",
    "network.services.x_confirm_details__mutmut_36": "as _32",
    "network.services.x_reject_listing_change__mutmut_3": "approve=None for False: _decide "
    "only tests it for truth",
    "network.services.x__decide__mutmut_1": "the default reason is never used: both callers "
    "pass one",
    "network.services.x__decide__mutmut_30": "every field saved instead of the listing's, of "
    "a row read under its lock in this transaction and changed only in those fields",
    "network.services.x_invitation__mutmut_7": "accepting clears the token's hash (pinned by "
    "tests/network/test_services_boundaries.py) and declining deletes the row, so a token "
    "never matches an accepted invitation",
    "network.services.x_invitation__mutmut_9": "the venue read by a second query instead of a "
    "join: the same invitation and venue",
    "network.services.x_accept_invitation__mutmut_33": "invitation() has just found the row "
    "open in this transaction and only the person at its address passes _check_address, so "
    "without the guard a second acceptance in a race writes the same person",
    "network.services.x_invite_staff__mutmut_15": "secrets.token_urlsafe(None) uses its "
    "default, 32 bytes",
    "network.services.x_invite_staff__mutmut_16": "33 random bytes for 32: a longer token, "
    "no less safe, and nothing reads its length",
    "network.services.x_invite_staff__mutmut_51": "as x_remove_member__mutmut_9",
    "network.services.x_invite_staff__mutmut_56": "as x_remove_member__mutmut_9",
    "network.services.x_propose_listing_change__mutmut_32": "as x_remove_member__mutmut_9",
    "network.services.x_propose_listing_change__mutmut_37": "as x_remove_member__mutmut_9",
    "network.services.x_submit_application__mutmut_31": "the check before the insert only "
    "saves a failed insert: the partial unique constraint network_venue_one_active_per_address "
    "refuses the same address in the same statuses, raising DuplicateApplication all the same",
    "network.services.x_submit_application__mutmut_35": "nothing reads DuplicateApplication's "
    "argument: the application view shows fixed words",
    "network.services.x_submit_application__mutmut_89": "as _35",
    "network.services.x_submit_application__mutmut_37": "as x_invite_staff__mutmut_15",
    "network.services.x_submit_application__mutmut_38": "as x_invite_staff__mutmut_16",
    "network.services.x_submit_application__mutmut_51": "submitted is the status field's default",
    "network.services.x_submit_application__mutmut_73": "user=None is log's default",
    "network.services.x_transition__mutmut_65": "as x__decide__mutmut_30: every field saved "
    "instead of the changed ones, of a row read under its lock in this transaction",
}

SETTINGS = '''"""Test settings for mutation runs: one SQLite test database, kept between runs."""

from config.settings.test import *  # noqa: F403

DATABASES["default"]["TEST"] = {{"NAME": {name!r}}}  # noqa: F405
'''


def slug(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def select(wanted: str | None) -> list[str]:
    if not wanted:
        return list(MODULES)
    wanted = wanted.strip().rstrip("/")
    chosen = [m for m in MODULES if m == wanted or m.startswith(wanted + "/")]
    if not chosen:
        raise SystemExit(f"{wanted} is not configured; run with --list to see the modules.")
    return chosen


# --- In the workspace (a child process per module) -------------------------------------------


def _patch_mutmut(module: str) -> None:
    """Point mutmut at one module and its tests, and name ``site/`` modules as imported."""
    import mutmut.__main__ as mutmut_main
    import mutmut.mutation.file_mutation as file_mutation
    import mutmut.utils.format_utils as format_utils
    from mutmut.configuration import config

    original = format_utils.get_mutant_name

    def get_mutant_name(relative_source_path, mutant_method_name):
        name = original(relative_source_path, mutant_method_name)
        return name.removeprefix("site.")

    for owner in (format_utils, mutmut_main, file_mutation):
        owner.get_mutant_name = get_mutant_name

    cfg = config()
    cfg.only_mutate = [module]
    cfg.pytest_add_cli_args_test_selection = list(MODULES[module])
    cfg.also_copy.append(Path("mutmut_settings.py"))
    cfg.also_copy.append(Path("scripts"))  # tests run scripts/check_demo_questions.py
    cfg.also_copy.append(Path("bench"))  # the one-pass test loads bench/coverage.py
    cfg.also_copy.append(Path("docs"))  # the definitions' test reads docs/coverage.md


def run_in_workspace(module: str, max_children: int, names: list[str] = ()) -> None:
    import mutmut.__main__ as mutmut_main

    _patch_mutmut(module)
    mutmut_main.cli(["run", "--max-children", str(max_children), *names], standalone_mode=False)


def killed_before(module: str) -> dict[str, int]:
    """The previous run's killed and timed-out mutants with their exit codes."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    _patch_mutmut(module)
    data = SourceFileMutationData(path=Path(module))
    data.load()
    return {
        name: code
        for name, code in data.exit_code_by_key.items()
        if code is not None and status_by_exit_code[code] in ("killed", "timeout")
    }


def restore_kills(module: str, kept: dict[str, int]) -> None:
    """Put back the kills that mutmut forgot. A changed list of test files makes mutmut reset
    every result, though more tests can only kill more mutants: a mutant killed before is
    still killed. Only mutants the retest did not run are restored."""
    from mutmut.mutation.data import SourceFileMutationData

    data = SourceFileMutationData(path=Path(module))
    data.load()
    for name, code in kept.items():
        if data.exit_code_by_key.get(name, 0) is None:
            data.exit_code_by_key[name] = code
    data.save()


def retest_names(module: str) -> list[str]:
    """The previous run's survivors, the mutants no test reached and, if it was stopped
    part-way, those it had not tested yet."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    _patch_mutmut(module)
    data = SourceFileMutationData(path=Path(module))
    data.load()
    return sorted(
        name
        for name, code in data.exit_code_by_key.items()
        if status_by_exit_code[code] in ("survived", "no tests", *UNTESTED)
        and name not in EQUIVALENT
    )


def report_in_workspace(module: str) -> None:
    """Print the results as JSON (last line), with the surviving mutants' diffs."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    _patch_mutmut(module)
    data = SourceFileMutationData(path=Path(module))
    data.load()
    statuses = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
    diffs = {}
    for name, state in statuses.items():
        if (
            state not in ("killed", "timeout", "caught by type check", *UNTESTED)
            and name not in EQUIVALENT
        ):
            try:
                diffs[name] = get_diff_for_mutant(name, path=Path(module))
            except Exception as error:  # a report without a diff is still useful
                diffs[name] = f"(no diff: {error})"
    print(json.dumps({"statuses": statuses, "diffs": diffs}))


# --- The driver --------------------------------------------------------------------------------


def prepare(module: str, *, keep: bool) -> Path:
    workspace = WORK / slug(module)
    workspace.mkdir(parents=True, exist_ok=True)
    for name in [*SOURCE_DIRS, "tests", "scripts", "bench", "docs", "pyproject.toml"]:
        link = workspace / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name)
    (workspace / "mutmut_settings.py").write_text(
        SETTINGS.format(name=str(workspace / "test-db.sqlite3"))
    )
    if not keep:
        shutil.rmtree(workspace / "mutants", ignore_errors=True)
    return workspace


def child(workspace: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        command, cwd=workspace, env=env, text=True, capture_output=capture, check=False
    )


UNTESTED = ("not checked", "check was interrupted by user")


def score(statuses: dict[str, str]) -> dict:
    """The score over the mutants tested. A run stopped part-way leaves some untested
    (mutmut's "not checked"): they are left out and counted in ``untested``."""
    counted = {name: state for name, state in statuses.items() if name not in EQUIVALENT}
    untested = sum(state in UNTESTED for state in counted.values())
    killed = sum(state == "killed" for state in counted.values())
    timeout = sum(state == "timeout" for state in counted.values())
    total = len(counted) - untested
    survived = total - killed - timeout
    return {
        "mutants": total,
        "killed": killed,
        "survived": survived,
        "timeout": timeout,
        "equivalent": len(statuses) - len(counted),
        "untested": untested,
        "score": 100.0 * (killed + timeout) / total if total else 100.0,
    }


def write_doc(rows: dict[str, dict]) -> None:
    text = DOC.read_text() if DOC.exists() else f"# Quality\n\n{BEGIN}\n{END}\n"
    head, _, rest = text.partition(BEGIN)
    old, _, tail = rest.partition(END)
    table: dict[str, str] = {}
    for line in old.splitlines():
        if line.startswith("| `"):
            table[line.split("`")[1]] = line
    for module, row in rows.items():
        table[module] = (
            f"| `{module}` | {row['mutants']} | {row['killed']} | {row['survived']} | "
            f"{row['timeout']} | {row['equivalent']} | {row['score']:.1f} % | {row['date']} |"
        )
    order = [m for m in MODULES if m in table] + sorted(set(table) - set(MODULES))
    lines = [
        "| Module | Mutants | Killed | Survived | Timeout | Equivalent | Score | Date |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *(table[m] for m in order),
    ]
    text = f"{head}{BEGIN}\n" + "\n".join(lines) + f"\n{END}{tail}"
    head, found, rest = text.partition(EQUIVALENT_BEGIN)
    if found:
        _, _, tail = rest.partition(EQUIVALENT_END)
        listed = "\n".join(f"- `{name}`: {reason}" for name, reason in EQUIVALENT.items())
        text = f"{head}{EQUIVALENT_BEGIN}\n{listed}\n{EQUIVALENT_END}{tail}"
    DOC.write_text(text)


def drive(
    modules: list[str],
    *,
    keep: bool,
    max_children: int,
    write: bool,
    report_only: bool = False,
    retest: bool = False,
) -> int:
    results = {}
    for module in modules:
        print(f"\n=== {module}: tests {' '.join(MODULES[module])}", flush=True)
        workspace = prepare(module, keep=keep or report_only or retest)
        started = time.monotonic()
        if report_only:
            run = subprocess.CompletedProcess([], 0)
        else:
            run = child(
                workspace,
                "--in-workspace",
                "retest" if retest else "run",
                module,
                "--max-children",
                str(max_children),
            )
        minutes = (time.monotonic() - started) / 60
        report = child(workspace, "--in-workspace", "report", module, capture=True)
        if report.returncode != 0 or '{"statuses"' not in report.stdout:
            print(report.stderr, file=sys.stderr)
            print(f"!!! {module}: no results (mutmut exited {run.returncode})", flush=True)
            continue
        found = json.loads(
            next(line for line in report.stdout.splitlines() if line.startswith('{"statuses"'))
        )
        row = score(found["statuses"])
        if not row["mutants"]:  # mutmut stopped before testing any (its first test run failed)
            print(f"!!! {module}: no mutant tested (mutmut exited {run.returncode})", flush=True)
            continue
        row["date"] = datetime.date.today().isoformat()
        if row["untested"]:
            row["date"] += (
                f" (partial: {row['mutants']} of {row['mutants'] + row['untested']} tested)"
            )
        results[module] = row
        survivors_file = workspace / "survivors.txt"
        survivors_file.write_text("\n\n".join(found["diffs"].values()) + "\n")
        print(
            f"--- {module}: {row['killed'] + row['timeout']} / {row['mutants']} killed "
            f"({row['score']:.1f} %), {row['survived']} survived, {row['timeout']} timeout, "
            f"{row['equivalent']} equivalent left out, {row['untested']} not tested; "
            f"{minutes:.1f} minutes",
            flush=True,
        )
        for name, diff in found["diffs"].items():
            print(f"\n{found['statuses'][name]}: {name}\n{diff}")
    if results:
        print("\nModule                                  Mutants  Killed  Score")
        for module, row in results.items():
            print(
                f"{module:40} {row['mutants']:7} {row['killed'] + row['timeout']:7} "
                f"{row['score']:5.1f} %"
            )
        if write:
            write_doc(results)
            print(f"\nScores written to {DOC.relative_to(ROOT)}")
    return 0 if len(results) == len(modules) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", help="a module or folder (default: every module)")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--keep", action="store_true", help="reuse the previous run's results")
    parser.add_argument(
        "--retest",
        action="store_true",
        help="test again only the previous run's survivors, with the tests as they are now "
        "(after adding tests; the module itself must be unchanged since that run)",
    )
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/quality.md")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="score the previous run as it stands (one stopped part-way: partial), run nothing",
    )
    parser.add_argument(
        "--max-children",
        type=int,
        default=int(os.environ.get("MUTANTS_CHILDREN", "1")),
        help="mutants tested at once (default 1: the SQLite test database is shared)",
    )
    parser.add_argument("--in-workspace", nargs=2, metavar=("ACTION", "MODULE"), help="internal")
    args = parser.parse_args(argv)
    if args.in_workspace:
        action, module = args.in_workspace
        if action == "run":
            run_in_workspace(module, args.max_children)
        elif action == "retest":
            names = retest_names(module)
            print(f"testing {len(names)} survivors and untested mutants again", flush=True)
            if names:
                kept = killed_before(module)
                try:
                    run_in_workspace(module, args.max_children, names)
                finally:  # mutmut exits on a failing clean run, having reset the verdicts
                    restore_kills(module, kept)
        else:
            report_in_workspace(module)
        return 0
    if args.list:
        for module, tests in MODULES.items():
            print(f"{module}\n    " + "\n    ".join(tests))
        return 0
    modules = select(args.module)
    return drive(
        modules,
        keep=args.keep,
        max_children=args.max_children,
        write=not args.no_doc,
        report_only=args.report_only,
        retest=args.retest,
    )


if __name__ == "__main__":
    sys.exit(main())
