"""Every visible string has a zh_Hans translation (DESIGN §5 i18n)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portal.management.commands.check_translations import incomplete_entries


def test_catalogue_is_complete_for_the_current_code():
    out = StringIO()
    call_command("check_translations", stdout=out)
    assert "complete" in out.getvalue()


def test_untranslated_and_fuzzy_entries_are_reported(tmp_path: Path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Home"\nmsgstr "首页"\n\n'
        'msgid "Log in"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Log out"\nmsgstr "退出"\n',
        encoding="utf-8",
    )
    assert incomplete_entries(po) == ["untranslated: 'Log in'", "fuzzy: 'Log out'"]


def test_a_new_string_without_translation_fails_the_check(settings, tmp_path):
    """Run the check on a copy of the tree holding one new template: the committed tree, which
    other runs may be reading, stays untouched."""
    import shutil

    shutil.copytree(Path(settings.BASE_DIR) / "locale", tmp_path / "locale")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "probe.html").write_text(
        '{% load i18n %}{% translate "A string nobody translated yet" %}'
    )
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="A string nobody translated yet"):
        call_command("check_translations")
