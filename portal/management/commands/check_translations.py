"""`manage.py check_translations`: fail when the zh_Hans catalogue misses or fuzzies a string.

Extracts the messages of the current code in a scratch copy of the source tree (makemessages
writes into the `locale/` beside the sources it reads, so the committed catalogue must not be
there), then lists every entry that is untranslated or fuzzy, which covers strings added to code
or templates without a translation.
"""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

LANGUAGE = "zh_Hans"
IGNORED = [".venv", "node_modules", "var", "tests", "bench", "*/migrations/*", "static/vendor"]
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "node_modules", "var", ".git", "tests", "bench", "__pycache__", "*.mo", "static"
)


def incomplete_entries(po_path: Path) -> list[str]:
    import polib

    catalogue = polib.pofile(str(po_path))
    return [
        f"{'fuzzy' if 'fuzzy' in entry.flags else 'untranslated'}: {entry.msgid!r}"
        for entry in catalogue
        if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


class Command(BaseCommand):
    help = "Fail when any message of the code lacks a zh_Hans translation or is fuzzy."

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as scratch:
            tree = Path(scratch) / "tree"
            shutil.copytree(settings.BASE_DIR, tree, ignore=NOT_COPIED)
            locale = tree / "locale"
            cwd = os.getcwd()
            os.chdir(tree)
            try:
                with override_settings(LOCALE_PATHS=[locale]):
                    call_command(
                        "makemessages",
                        locale=[LANGUAGE],
                        ignore_patterns=IGNORED,
                        no_obsolete=True,
                        verbosity=0,
                    )
            finally:
                os.chdir(cwd)
            problems = incomplete_entries(locale / LANGUAGE / "LC_MESSAGES" / "django.po")
        if problems:
            raise CommandError(
                f"{len(problems)} message(s) without a zh_Hans translation "
                "(run `make messages-update`, translate, remove fuzzy flags):\n  "
                + "\n  ".join(problems)
            )
        self.stdout.write("zh_Hans translations complete.")
