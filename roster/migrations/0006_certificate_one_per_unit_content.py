import hashlib

from django.db import migrations, models


def set_duplicates_apart(apps, schema_editor):
    """Unit certificates printed in parallel before this constraint may share one content. Each
    was handed out with its own 验证码 and must still verify, so none is deleted: every one but
    the first gets a hash of its own, and later prints of that content serve the first."""
    Certificate = apps.get_model("roster", "Certificate")
    seen = set()
    for certificate in Certificate.objects.filter(person__isnull=True).order_by("issued_at", "pk"):
        key = (certificate.kind, certificate.unit_id, certificate.content_hash)
        if key in seen:
            certificate.content_hash = hashlib.sha256(
                f"{certificate.content_hash}:{certificate.code}".encode()
            ).hexdigest()
            certificate.save(update_fields=["content_hash"])
        else:
            seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("roster", "0005_person_household_education"),
    ]

    operations = [
        migrations.RunPython(set_duplicates_apart, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="certificate",
            name="certificate_one_per_content",
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", False)),
                fields=("kind", "unit", "person", "content_hash"),
                name="certificate_one_per_content",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("person__isnull", True)),
                fields=("kind", "unit", "content_hash"),
                name="certificate_one_per_unit_content",
            ),
        ),
    ]
