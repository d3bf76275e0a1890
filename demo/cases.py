"""A few cases for the demo, so that 办理中, 办结 and the review queue show real work: a
submitted, a returned and an approved staff reduction and a draft addition in the first unit.
Made through the same services as a user's clicks; only when the unit has no case yet."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from demo import data
from enrollment import services as enrollment_services
from portal.identity import resident_id_with_check_digit
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application, MaterialType
from roster.certificates import render_to_pdf
from roster.models import Person, Unit

DEMO_ADDITION_ID = resident_id_with_check_digit("36010219990909101")
REJECTION = "减员证明材料不清晰，请上传加盖公章的调出审批表扫描件。"


def _document(title: str) -> SimpleUploadedFile:
    html = (
        f"<h1 style='font-family: Noto Serif CJK SC'>{title}</h1>"
        "<p style='font-family: Noto Serif CJK SC'>演示材料，内容均为虚构。</p>"
    )
    return SimpleUploadedFile(f"{title}.pdf", render_to_pdf(html), "application/pdf")


def _reduction(unit, person, *, reason: str, by) -> Application:
    application = enrollment_services.reduction_start(unit=unit, person=person, by=by)
    case_services.application_save(
        application=application,
        by=by,
        data={
            "reason": reason,
            "reason_other": "",
            "stop_month": str(YearMonth.current()),
            "note": "演示业务",
        },
    )
    case_services.attachment_add(
        application=application,
        by=by,
        upload=_document("减员证明"),
        material_type=MaterialType.objects.get(
            business_code="staff_reduction", code="reduction_proof"
        ),
    )
    return case_services.application_submit(application=application, by=by)


@transaction.atomic
def seed_cases(scenario_codes: set[str]) -> int:
    unit = Unit.objects.get(code=data.UNITS[0].code)
    if Application.objects.filter(unit=unit).exists():
        return 0
    account = unit.account
    staff = get_user_model().objects.get(username=data.STAFF[0][0])
    persons = list(
        Person.objects.filter(relations__unit=unit, relations__status="active")
        .exclude(personal_code__in=scenario_codes)
        .order_by("-personal_code")[:3]
    )
    _reduction(unit, persons[0], reason="transfer", by=account)
    returned = _reduction(unit, persons[1], reason="resignation", by=account)
    case_services.application_reject(application=returned, by=staff, reason=REJECTION)
    approved = _reduction(unit, persons[2], reason="transfer", by=account)
    case_services.application_approve(application=approved, by=staff)
    if not Person.objects.filter(id_number=DEMO_ADDITION_ID).exists():
        enrollment_services.addition_start(
            unit=unit, id_type="resident_id", id_number=DEMO_ADDITION_ID, by=account
        )
    return Application.objects.filter(unit=unit).count()
