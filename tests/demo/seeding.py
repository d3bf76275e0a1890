"""The demo seeded once for a test module (it takes seconds) and flushed afterwards."""

import json
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.test.utils import override_settings


@contextmanager
def seeded_demo(django_db_blocker, tmp_path_factory):
    """Yields the manifest; inside, the database is unblocked only while seeding."""
    from tests.progress.conftest import ensure_material_types

    path = tmp_path_factory.mktemp("demo") / "manifest.json"
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    try:
        with django_db_blocker.unblock():
            ensure_material_types()
            call_command("seed_demo", manifest=path, stdout=StringIO())
        yield json.loads(path.read_text())
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        media.disable()
