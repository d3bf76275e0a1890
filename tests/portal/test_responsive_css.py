"""Issue "Fit for real users": the stylesheets and the two page frames allow 360 px to 1920 px
screens (the browser test tests/e2e/test_responsive.py looks at the pages themselves)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = ["static/css/portal.css", "static/css/backoffice.css"]


def without_media_queries(css: str) -> str:
    """The rules every screen gets (a narrow screen's own rules are in @media blocks)."""
    return re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)


@pytest.mark.parametrize("path", STYLESHEETS)
def test_no_rule_makes_every_page_wider_than_a_phone(path):
    css = without_media_queries((ROOT / path).read_text(encoding="utf-8"))
    fixed = re.findall(r"(?<![-\w])(?:min-)?width:\s*(\d+)px", css)
    assert not [width for width in fixed if int(width) > 600], fixed
    assert "min-width: 1200px" not in css


def test_the_stripping_of_media_queries_keeps_the_other_rules():
    css = ".a { width: 800px; }\n@media (max-width: 599px) { .b { width: 100%; } .c { x: y; } }"
    assert without_media_queries(css).strip() == ".a { width: 800px; }"


@pytest.mark.parametrize("path", ["templates/base.html", "templates/backoffice/base.html"])
def test_the_page_frames_ask_for_the_screens_width_and_fold_their_menu(path):
    html = (ROOT / path).read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'aria-expanded="false"' in html and "data-nav-toggle" in html
    assert "js/nav-toggle.js" in html
