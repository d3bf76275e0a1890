"""Once a trigram index for the roster's 姓名 filter; the filter now starts from the unit's own
relations (issue 14) and migration 0008 drops the index. A new database gets neither the index
nor the `pg_trgm` extension it needed."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roster", "0002_certificate")]
    operations = []
