"""Time the GIFT parser on a 1,000-question bank built in memory (no Django, no database).

    .venv/bin/python bench/quiz_import.py [--questions 1000] [--repeat 5]

The bank mixes the four supported types, with titles, comments, categories, feedback, weights
and escapes, as a hand-written or Moodle-exported file would. Prints the median of the runs.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from courses.quiz_formats.gift import parse_gift  # noqa: E402 (needs the path above)

TEMPLATES = [
    """// question {n}: single choice
::Question {n}::Which agency chairs a MARAC meeting in area {n}?{{
\t=The police#Right: usually a police officer chairs it.
\t~The housing provider#No\\: they attend, but don't chair.
\t~The victim's GP
\t~Nobody \\= it is informal
\t####Read section 3.{n} of the handbook.
}}""",
    """::Signs {n}::[html]<p>Which are <b>signs</b> of coercive control? ({n})</p>{{
\t~%50%<p>Isolation from friends</p>#Yes.
\t~%50%<p>Monitoring a phone</p>
\t~%-100%<p>Sharing chores</p>#No: that is healthy.
\t~<p>Going out together</p>
}}""",
    """::True or false {n}::Abuse is always physical \\{{case {n}\\}}.{{FALSE#Most abuse leaves no \
mark.#Correct.####See the Power and Control Wheel.}}""",
    """// [tag:services] [tag:level-1]
::Match {n}::Match each service to what it offers.{{
\t=IDVA -> Independent advocacy
\t=MARAC -> A multi-agency risk meeting
\t=Refuge -> Safe housing
\t=Helpline -> Advice 24 hours a day
}}""",
]


def build_bank(count: int) -> str:
    """A GIFT file of ``count`` questions, cycling through the templates, in 10 categories."""
    chunks = []
    for n in range(count):
        if n % (count // 10 or 1) == 0:
            chunks.append(f"$CATEGORY: $course$/top/Bench/Category {n // (count // 10 or 1)}")
        chunks.append(TEMPLATES[n % len(TEMPLATES)].format(n=n))
    return "\n\n".join(chunks) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    bank = build_bank(args.questions)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        result = parse_gift(bank)
        timings.append(time.perf_counter() - started)
    assert not result.errors, result.errors[:3]
    assert len(result.questions) == args.questions, len(result.questions)

    median = statistics.median(timings)
    print(f"{args.questions} questions parsed in {median * 1000:.1f} ms")
    print(f"{args.questions / median:,.0f} questions/second ({len(bank) / 1024:,.0f} KiB of GIFT)")


if __name__ == "__main__":
    main()
