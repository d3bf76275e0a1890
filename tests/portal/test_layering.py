"""The dependency order of DESIGN §1, read off the code: an import may only point down
contributions → enrollment; backoffice, pension, enrollment → progress → roster, accounts →
portal (appcenter stands alone; accounts reaches it through a push backend only; demo may use
everything). Services import no
form, no app imports another app's views, and no module grows past 400 lines."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE = {"portal"}
MIDDLE = BASE | {"roster", "accounts"}
CASES = MIDDLE | {"progress"}
ALLOWED = {
    "portal": set(),
    "appcenter": set(),
    "roster": BASE,
    "accounts": BASE | {"appcenter"},
    "progress": MIDDLE,
    "pension": CASES,
    "enrollment": CASES,
    "backoffice": CASES | {"contributions"},  # the units' declarations of the year
    # The average wage table and the 60–300 % rule of a base are enrollment's.
    "contributions": CASES | {"enrollment"},
}
APPS = set(ALLOWED) | {"demo"}
MAX_LINES = 400


def modules():
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


MODULES = list(modules())


@pytest.mark.parametrize(
    ("app", "path"), MODULES, ids=[str(p.relative_to(ROOT)) for _a, p in MODULES]
)
def test_imports_point_down_the_dependency_order(app, path):
    if app == "demo":
        return
    apps = {name.split(".")[0] for name in imported(path)} & APPS
    above = apps - ALLOWED[app] - {app}
    assert not above, f"{path.relative_to(ROOT)} imports {sorted(above)}"
    if app == "accounts" and "appcenter" in apps:
        assert path.parts[-2:] == ("push", "appcenter.py"), "only the push backend"


def test_services_import_no_form_and_views_no_other_apps_views():
    found = []
    for app, path in MODULES:
        names = imported(path)
        if path.name == "services.py":
            found += [(path, n) for n in names if n.split(".")[-1].endswith("forms")]
        found += [
            (path, n)
            for n in names
            if n.split(".")[0] in APPS - {app} and n.split(".")[-1].endswith("views")
        ]
    assert not found, found


def test_no_module_is_longer_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for _app, path in MODULES
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long
