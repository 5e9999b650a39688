"""The house rules of the code's layout, checked on every module of the project's apps:
reads (selectors) never import writes (services), and models never import views. Imports
inside functions count too: a late import is still a dependency."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = [ROOT / "courses", ROOT / "network", ROOT / "certificates"] + [
    path for path in (ROOT / "site").iterdir() if (path / "apps.py").exists()
]


def _modules(kind: str) -> list[Path]:
    """Every ``<kind>.py`` and every module of a ``<kind>/`` package in the apps."""
    found = []
    for app in APPS:
        found += [app / f"{kind}.py"] if (app / f"{kind}.py").exists() else []
        if (app / kind).is_dir():
            found += sorted((app / kind).rglob("*.py"))
    return found


def _imported(path: Path) -> set[str]:
    """The dotted names a module imports (relative ones as written, e.g. ``..services``)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names |= {
                f"{base.rstrip('.')}.{alias.name}" if node.module else f"{base}{alias.name}"
                for alias in node.names
            }
    return names


def _parts(name: str) -> list[str]:
    return [part for part in name.split(".") if part]


def test_the_rule_finds_a_selector_that_imports_a_service(tmp_path):
    module = tmp_path / "selectors.py"
    module.write_text("def counts():\n    from ..services.quizzes import grade\n")
    assert any("services" in _parts(name) for name in _imported(module))
    module.write_text("from ..grading import grade\n")
    assert not any("services" in _parts(name) for name in _imported(module))


@pytest.mark.parametrize("path", _modules("selectors"), ids=lambda p: str(p.relative_to(ROOT)))
def test_reads_never_import_writes(path):
    writes = sorted(name for name in _imported(path) if "services" in _parts(name))
    assert not writes, f"{path.relative_to(ROOT)} (a selector) imports services: {writes}"


@pytest.mark.parametrize("path", _modules("models"), ids=lambda p: str(p.relative_to(ROOT)))
def test_models_never_import_views(path):
    views = sorted(
        name for name in _imported(path) if any(p.endswith("views") for p in _parts(name))
    )
    assert not views, f"{path.relative_to(ROOT)} imports views: {views}"


def test_every_app_has_been_looked_at():
    assert len(_modules("selectors")) >= 6 and len(_modules("models")) >= 8
