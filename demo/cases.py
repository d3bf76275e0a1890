"""A few cases for the demo, so that 办理中, 办结 and the review queue show real work: a
submitted, a returned and an approved staff reduction, a draft addition and a submitted pension
claim in the first unit.
Made through the same services as a user's clicks; only when the unit has no case yet."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from demo import data
from enrollment import services as enrollment_services
from pension import services as pension_services
from pension.claim import Claim
from pension.rules import luhn_ok
from pension.steps import STEPS as PENSION_STEPS
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
    application = case_services.case_save(
        application=application,
        by=by,
        version=application.version,
        data={
            "reason": reason,
            "reason_other": "",
            "stop_month": str(YearMonth.current()),
            "note": "演示业务",
            "done": ["details"],  # as 下一步 on the form leaves it
            "last_step": "materials",
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
    return case_services.application_submit(
        application=application, by=by, version=application.version
    )


def _bank_number(prefix: str) -> str:
    """A 19-digit card number that passes the card check."""
    return next(f"{prefix}{digit}" for digit in "0123456789" if luhn_ok(f"{prefix}{digit}"))


def _pension_claim(unit, person, *, by) -> Application:
    """A whole claim as an agent would fill it in, submitted with its documents."""
    application = pension_services.claim_start(unit=unit, person=person, by=by)
    retirement = Claim(application).statutory_retirement
    years, months = divmod(retirement - YearMonth.from_date(person.work_start_date), 12)
    number = _bank_number("621700243001234567")
    data = {
        "done": [step.key for step in PENSION_STEPS if step.in_case and not step.uploads],
        "last_step": "materials",
        "basic": {
            "work_start": person.work_start_date.isoformat(),
            "staff_category": person.staff_category,
            "retirement_type": "normal",
            "retirement_month": str(retirement),
            "unit_agrees": False,
            "salary_2014_title": "主任科员",
            "salary_2014_post": "1180.00",
            "salary_2014_grade": "1365.00",
            "salary_now_title": "四级调研员",
            "salary_now_post": "2690.00",
            "salary_now_grade": "2860.00",
            "service_years": str(years),
            "service_months": str(months),
        },
        "adjustments": [],
        "special_jobs": [],
        "positions": [
            {
                "start": "2016-05",
                "end": "2020-12",
                "title": "一级主任科员",
                "direction": "up",
                "document": "东教人〔2016〕12号",
            },
            {
                "start": "2021-01",
                "end": "",
                "title": "四级调研员",
                "direction": "up",
                "document": "东教人〔2021〕3号",
            },
        ],
        "bank": {
            "bank": "中国建设银行",
            "holder": person.name,
            "number": number,
            "number_repeat": number,
            "luhn_checked": False,
        },
    }
    application = case_services.case_save(
        application=application, data=data, by=by, version=application.version
    )
    for material in MaterialType.objects.filter(business_code="pension_claim", required=True):
        case_services.attachment_add(
            application=application, by=by, upload=_document(material.name), material_type=material
        )
    return case_services.application_submit(
        application=application, by=by, version=application.version
    )


@transaction.atomic
def seed_cases(scenario_codes: set[str], *, claim_code: str) -> int:
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
    case_services.application_reject(
        application=returned, by=staff, reason=REJECTION, version=returned.version
    )
    approved = _reduction(unit, persons[2], reason="transfer", by=account)
    case_services.application_approve(application=approved, by=staff, version=approved.version)
    if not Person.objects.filter(id_number=DEMO_ADDITION_ID).exists():
        enrollment_services.addition_start(
            unit=unit,
            id_type="resident_id",
            id_number=DEMO_ADDITION_ID,
            name="陈晓雨",
            by=account,
        )
    _pension_claim(unit, Person.objects.get(personal_code=claim_code), by=account)
    return Application.objects.filter(unit=unit).count()
