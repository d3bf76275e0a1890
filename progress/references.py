"""业务流水号: a case's reference number, issued once, at its first 提交 (R-16)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from progress.models import Application, ReferenceSequence


def reference_format(*, county_code: str, day, sequence: int) -> str:
    """County code, date and the day's sequence: 360102 20261202 0001 → 360102202612020001."""
    return f"{county_code}{day:%Y%m%d}{sequence:04d}"


def _locked_sequence(county, day) -> ReferenceSequence:
    """The county's row for the day, locked; the first submission of the day creates it (a
    concurrent first one finds it made and waits for its lock)."""
    rows = ReferenceSequence.objects.select_for_update()
    try:
        return rows.get(county=county, day=day)
    except ReferenceSequence.DoesNotExist:
        try:
            with transaction.atomic():
                return ReferenceSequence.objects.create(county=county, day=day)
        except IntegrityError:
            return rows.get(county=county, day=day)


def reference_issue(application: Application) -> str:
    """The case's number: kept if it has one, else the next of its county's day. Called inside
    the submission's transaction, so a submission that fails returns its number."""
    if application.reference:
        return application.reference
    county = application.unit.county
    day = timezone.localdate()
    sequence = _locked_sequence(county, day)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    application.reference = reference_format(
        county_code=county.code, day=day, sequence=sequence.last
    )
    application.save(update_fields=["reference"])
    return application.reference
