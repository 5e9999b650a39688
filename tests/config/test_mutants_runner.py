"""``make mutants`` (scripts/mutants.py): what it scores and what it runs.

The runner is not part of CI, so a renamed test file or module would only show when
someone next runs it, hours in. These checks catch that at once, and pin how a score is
counted (docs/quality.md gives the same definition)."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location("mutants_runner", ROOT / "scripts/mutants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_listed_module_and_test_file_exists(runner):
    for module, tests in runner.MODULES.items():
        assert (ROOT / module).is_file(), module
        assert tests, module
        for test in tests:
            assert (ROOT / test).is_file(), (module, test)


def test_every_services_and_selectors_module_is_listed(runner):
    wanted = {
        str(path.relative_to(ROOT))
        for folder in ("courses/services", "courses/selectors")
        for path in (ROOT / folder).glob("*.py")
    }
    assert wanted <= set(runner.MODULES)


def test_every_equivalent_mutant_names_a_listed_module(runner):
    dotted = {
        module.removeprefix("site/").removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        for module in runner.MODULES
    }
    for name in runner.EQUIVALENT:
        owner = name.split(".x")[0]
        assert owner in dotted, name
        assert runner.EQUIVALENT[name].strip(), name


def test_the_score_is_over_the_mutants_tested_less_the_equivalent(runner, monkeypatch):
    monkeypatch.setattr(runner, "EQUIVALENT", {"m.x_f__mutmut_4": "a reason"})
    statuses = {
        "m.x_f__mutmut_1": "killed",
        "m.x_f__mutmut_2": "timeout",
        "m.x_f__mutmut_3": "survived",
        "m.x_f__mutmut_4": "survived",  # equivalent: left out
        "m.x_f__mutmut_5": "no tests",  # a survivor: nothing would notice it
        "m.x_f__mutmut_6": "not checked",  # the run stopped before it
    }
    row = runner.score(statuses)
    assert row == {
        "mutants": 4,
        "killed": 1,
        "survived": 2,
        "timeout": 1,
        "equivalent": 1,
        "untested": 1,
        "score": 50.0,
    }
