"""Staff reduction (在职人员减少, R-8.3): starting a case for an active person, and what approval
does to the insurance relation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from enrollment.rules import relation_status_after, stop_month_window
from portal.yearmonth import YearMonth
from progress import services as case_services
from progress.models import Application
from roster.models import Contribution, InsuranceRelation

OPEN_OTHER_CASE = _("%(name)s has a %(business)s case in progress; finish or withdraw it first.")
NOT_ACTIVE = _("%(name)s is not actively insured in this unit any more.")

BLOCKING = (Application.BusinessCode.PENSION_CLAIM, Application.BusinessCode.STAFF_ADDITION)


def active_relation(*, unit, person, lock: bool = False) -> InsuranceRelation | None:
    relations = InsuranceRelation.objects.filter(
        unit=unit, person=person, status=InsuranceRelation.Status.ACTIVE
    )
    if lock:
        relations = relations.select_for_update()
    return relations.first()


def stop_window(*, unit, person, relation: InsuranceRelation):
    last_paid = Contribution.objects.filter(
        unit=unit, person=person, status=Contribution.Status.PAID
    ).aggregate(last=Max("month"))["last"]
    return stop_month_window(
        last_paid=YearMonth.from_date(last_paid) if last_paid else None,
        start=relation.start_month,
        this_month=YearMonth.current(),
        backdate_months=settings.ENROLLMENT_BACKDATE_MONTHS,
    )


@transaction.atomic
def reduction_start(*, unit, person, by) -> Application:
    """The person's open reduction case, or a new draft; refused while a pension claim or an
    addition for the person is under way. The relation row lock makes a double click start one
    case."""
    relation = active_relation(unit=unit, person=person, lock=True)
    if relation is None:
        raise ValidationError(NOT_ACTIVE % {"name": person.name}, code="not_active")
    open_cases = Application.objects.filter(person=person, status__in=Application.IN_PROGRESS)
    blocking = open_cases.filter(business_code__in=BLOCKING).first()
    if blocking is not None:
        raise ValidationError(
            OPEN_OTHER_CASE % {"name": person.name, "business": blocking.business_name},
            code="open_case",
        )
    existing = open_cases.filter(
        unit=unit, business_code=Application.BusinessCode.STAFF_REDUCTION
    ).first()
    if existing is not None:
        return existing
    return case_services.application_create(
        unit=unit, business_code=Application.BusinessCode.STAFF_REDUCTION, by=by, person=person
    )


def reduction_approve(*, application: Application, by, data: dict) -> None:
    """Approval (inside the review transaction): the relation is suspended — for a death,
    ended — from the stop month on; the person leaves the active roster."""
    relation = active_relation(unit=application.unit, person=application.person, lock=True)
    if relation is None:
        raise ValidationError(NOT_ACTIVE % {"name": application.person.name}, code="not_active")
    stop = YearMonth.parse(application.data["stop_month"])
    relation.status = relation_status_after(application.data["reason"])
    relation.end_month = max(stop - 1, relation.start_month)
    relation.save(update_fields=["status", "end_month"])
