"""R-1.2 / DESIGN §5: templates rely on nothing IE11 lacks (CSS and JS are checked by
`make ie11` with es-check and stylelint)."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
UNSUPPORTED = [
    (
        re.compile(r"<input[^>]+type=[\"']?(date|month|week|time|datetime-local)\b", re.I),
        "date/month inputs: use two selects or YYYY-MM text",
    ),
    (re.compile(r"<details\b", re.I), "<details> does not open in IE11"),
    (re.compile(r"<dialog\b", re.I), "<dialog> does not exist in IE11"),
    (re.compile(r"<a\b[^>]*\sdownload\b", re.I), "a[download] does not work in IE11"),
    (
        re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I),
        "inline scripts: put ES5 in static/js",
    ),
]


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_uses_nothing_ie11_lacks(path):
    text = path.read_text(encoding="utf-8")
    found = [reason for pattern, reason in UNSUPPORTED if pattern.search(text)]
    assert not found, f"{path.name}: {found}"


def test_the_checks_recognise_what_they_look_for():
    bad = (
        '<input type="month" name="m"><details></details><script>var a = 1;</script>'
        '<a href="/x.pdf" download>PDF</a>'
    )
    assert sum(bool(pattern.search(bad)) for pattern, _ in UNSUPPORTED) == 4
    assert not any(
        pattern.search("<p>Click to download it as a PDF file.</p>") for pattern, _ in UNSUPPORTED
    )
