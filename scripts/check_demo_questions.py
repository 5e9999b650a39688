#!/usr/bin/env python
"""Check demo module YAML files with the item-writing check; no database needed.

    .venv/bin/python scripts/check_demo_questions.py courses/demo_content/dare.yaml [...]

Prints each flag with the question's topic and the first 60 characters of its stem, then
the quiz-level flags (outcomes from ``module.outcomes``, draws from ``module.quiz.draws``)
and the share of questions whose right answer is the longest option. Exits 1 if there is
any flag, 0 if none. The rules are in ``courses/selectors/question_quality.py``.
"""

import importlib.util
import sys
from pathlib import Path

import yaml

CORE = Path(__file__).resolve().parent.parent / "courses" / "selectors" / "question_quality.py"


def load_core():
    # Loaded by path: the ``courses.selectors`` package imports Django models, this does not.
    spec = importlib.util.spec_from_file_location("question_quality", CORE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def describe(question) -> str:
    topic = question.topics[0] if question.topics else "(no topic)"
    return f"question {question.ref} [{topic}] {question.label!r}"


def check_file(core, path: Path, out=sys.stdout) -> int:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    per_question, report = core.check_demo(data)
    total = 0
    print(f"== {path}", file=out)
    for question, flags in per_question:
        for flag in flags:
            total += 1
            print(f"  {describe(question)}\n    {flag.code}: {flag.message}", file=out)
    for flag in report.flags:
        total += 1
        where = f"{describe(flag.question)}\n    " if flag.question is not None else ""
        print(f"  quiz: {where}{flag.code}: {flag.message}", file=out)
    print(f"  {report.longest_right_summary}", file=out)
    print(f"  {total} flag{'s' if total != 1 else ''}", file=out)
    return total


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    core = load_core()
    total = sum(check_file(core, Path(name)) for name in argv)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
