"""Issue 13, headers: every page sends a Content-Security-Policy that allows only our own
scripts and styles; nothing inline is needed but two style blocks named by their hashes."""

import base64
import hashlib
import re
from pathlib import Path

import django
import pytest
from django.conf import settings

from portal.middleware import CONTENT_SECURITY_POLICY, INLINE_STYLE_HASHES
from tests.progress.conftest import agent_client, unit

__all__ = ["agent_client", "unit"]
TEMPLATES = Path(settings.BASE_DIR) / "templates"
ADMIN_TEMPLATES = Path(django.__file__).parent / "contrib" / "admin" / "templates"


def _directives(policy: str) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/roster/active/",
        "/pension/",
        "/admin/login/",
        "/verify/",
        "/nope/",
    ],
)
def test_every_page_sends_a_policy_that_allows_only_our_own_scripts(agent_client, path):
    response = agent_client.get(path)
    directives = _directives(response["Content-Security-Policy"])
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"][0] == "'self'"
    assert not any("unsafe" in value for values in directives.values() for value in values)
    assert directives["base-uri"] == ["'none'"] and directives["frame-ancestors"] == ["'self'"]


def _inline_style_hashes(path: Path) -> set[str]:
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(block.encode()).digest()).decode() + "'"
        for block in re.findall(r"<style>(.*?)</style>", path.read_text(), re.S)
    }


def test_the_allowed_inline_styles_are_exactly_the_error_pages_and_the_admin_change_list():
    expected = (
        _inline_style_hashes(TEMPLATES / "500.html")
        | _inline_style_hashes(TEMPLATES / "503.html")
        | _inline_style_hashes(ADMIN_TEMPLATES / "admin" / "change_list.html")
    )
    assert set(INLINE_STYLE_HASHES) == expected
    assert all(value in CONTENT_SECURITY_POLICY for value in expected)


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=str)
def test_no_template_needs_inline_script_or_style(template):
    source = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert not re.search(r"\sstyle=", source), "style attribute"
    assert not re.search(r"\son[a-z]+=", source), "event handler attribute"
    assert not re.search(r"javascript:", source, re.I)
    if template.name not in ("500.html", "503.html"):
        assert "<style" not in source
