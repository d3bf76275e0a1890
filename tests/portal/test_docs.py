"""Issue 15: a newcomer with the repository alone finds what the portal does and how it is
built: the README points into docs/, whose files exist, and nowhere outside the repository."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_points_only_to_documents_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+)\)", readme))
    assert {"docs/requirements.md", "docs/design.md"} <= linked
    assert all((ROOT / path).is_file() for path in linked if not path.startswith("http"))
    assert "../" not in readme


def test_every_requirement_id_that_a_test_is_named_after_is_in_the_requirements():
    written = set(re.findall(r"R-(\d+\.\d+[a-z]?)", (ROOT / "docs/requirements.md").read_text()))
    named = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        named |= set(
            re.findall(r"def test_r(\d+)_(\d+)([a-z]?)_", path.read_text(encoding="utf-8"))
        )
    missing = {f"{major}.{minor}{letter}" for major, minor, letter in named} - written
    assert not missing, f"tests name requirements that docs/requirements.md lacks: {missing}"
