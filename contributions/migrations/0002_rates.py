"""The rates in force (editable in admin afterwards): the basic pension insurance of government
agencies and public institutions, unit 20 % and personal 8 % from 2014-10 (国发〔2015〕2号),
the unit's 16 % from 2019-05 (国办发〔2019〕13号); the occupational annuity, unit 8 % and personal
4 % from 2014-10 (国办发〔2015〕18号)."""

import datetime
from decimal import Decimal

from django.db import migrations

RATES = [
    ("basic", datetime.date(2014, 10, 1), "20.00", "8.00"),
    ("basic", datetime.date(2019, 5, 1), "16.00", "8.00"),
    ("annuity", datetime.date(2014, 10, 1), "8.00", "4.00"),
]


def add(apps, schema_editor):
    rate = apps.get_model("contributions", "ContributionRate")
    for scheme, valid_from, unit_rate, personal_rate in RATES:
        rate.objects.update_or_create(
            scheme=scheme,
            valid_from=valid_from,
            defaults={"unit_rate": Decimal(unit_rate), "personal_rate": Decimal(personal_rate)},
        )


def remove(apps, schema_editor):
    rate = apps.get_model("contributions", "ContributionRate")
    for scheme, valid_from, _unit, _personal in RATES:
        rate.objects.filter(scheme=scheme, valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0001_rates_years_bases")]
    operations = [migrations.RunPython(add, remove)]
