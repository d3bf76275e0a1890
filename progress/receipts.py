"""受理回执 (R-16): the printable receipt of a submitted case — reference number, business, unit,
person, submission time, the documents received, the promised time limit — with the agency's
seal and a 验证码 like the certificates, through the same rendering and caching path: one PDF
per content (a resubmission after 修改 is a new receipt)."""

from __future__ import annotations

from django.utils import timezone

from progress import selectors
from progress.deadlines import calendar_from
from progress.models import ServiceGuide
from roster import certificates
from roster import services as certificate_services
from roster.certificate_models import Certificate


def receipt_content(application) -> dict:
    """What the receipt says; its hash decides whether a stored PDF serves."""
    submitted = timezone.localtime(application.submitted_at)
    guide = ServiceGuide.objects.filter(business_code=application.business_code).first()
    due = None
    if guide is not None:
        day = submitted.date()
        due = calendar_from(day).add_working_days(day, guide.time_limit_days)
    return {
        "kind": Certificate.Kind.RECEIPT,
        "layout": certificates.layout_version(),
        "printed_on": submitted.date().isoformat(),
        "reference": application.reference,
        "business": application.business_name,
        "unit_name": application.unit.name,
        "unit_code": application.unit.code,
        "holder_name": application.display_name,
        "holder_id": application.display_id_number,
        "submitted_at": submitted.strftime("%Y-%m-%d %H:%M"),
        "materials": [
            [slot.material_type.name, [attachment.original_name for attachment in slot.attachments]]
            for slot in selectors.material_slots(application)
            if slot.attachments
        ],
        "time_limit_days": guide.time_limit_days if guide else None,
        "promised_on": due.isoformat() if due else "",
    }


def receipt_issue(application, *, by) -> tuple[Certificate, dict]:
    """The receipt of the case's latest submission: the one issued before for this content, or
    a new one with a new 验证码."""
    content = receipt_content(application)
    receipt = certificate_services.certificate_issue(
        unit=application.unit, person=application.person, content=content, by=by
    )
    return receipt, content


def receipt_pdf(receipt: Certificate, content: dict, *, verify_url: str) -> bytes:
    return certificate_services.certificate_pdf(
        certificate=receipt, content=content, verify_url=verify_url
    )
