"""Monthly average wages for the demo (fictional round figures of the right size); the real
published figures are entered in admin."""

from decimal import Decimal

from django.db import migrations

WAGES = {
    2019: "6300.00",
    2020: "6700.00",
    2021: "7200.00",
    2022: "7550.00",
    2023: "7900.00",
    2024: "8200.00",
    2025: "8500.00",
    2026: "8800.00",
}


def add(apps, schema_editor):
    wage = apps.get_model("enrollment", "ProvincialAverageWage")
    for year, amount in WAGES.items():
        wage.objects.get_or_create(year=year, defaults={"monthly_amount": Decimal(amount)})


def remove(apps, schema_editor):
    apps.get_model("enrollment", "ProvincialAverageWage").objects.filter(year__in=WAGES).delete()


class Migration(migrations.Migration):
    dependencies = [("enrollment", "0001_average_wage")]
    operations = [migrations.RunPython(add, remove)]
