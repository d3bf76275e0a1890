"""在职人员增加 (R-8.1, R-8.2) and 在职人员减少 (R-8.3) as businesses of the case core: their
steps, their case data, what approval does and how a case reads back."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from enrollment import rules, services
from enrollment.addition_forms import ADDITION_TYPES, AdditionForm
from enrollment.forms import ReductionForm
from portal.yearmonth import YearMonth
from progress.drafts import Draft
from progress.readback import Section, section
from progress.registry import BusinessType
from progress.steps import MATERIALS, CaseSteps, Step, StepCheck
from roster.models import Person

SECTIONS_DETAIL = "progress/businesses/sections_detail.html"
STAFF_ADDITION = services.STAFF_ADDITION
STAFF_REDUCTION = services.STAFF_REDUCTION


class Addition(Draft):
    """An addition's data: the decided type and the ID (fixed at the start), then the form's
    fields at the top level: {"type", "id_type", "id_number", "name", …, "start_month", "base"}."""

    @property
    def business_type(self) -> str:
        return self.data["type"]

    @property
    def id_type(self) -> str:
        return self.data["id_type"]

    @property
    def id_number(self) -> str:
        return self.data["id_number"]

    @property
    def subject_name(self) -> str | None:
        """The name a 新登记 types is the case's name until the person is on record."""
        if self.person is not None or "name" not in self.data:
            return None
        return " ".join(str(self.data["name"]).split()) or None


def _addition_initial(addition: Addition) -> dict:
    person = addition.person
    initial = {field: getattr(person, field) for field in AdditionForm.KEY} if person else {}
    # The name typed and confirmed at the start (the record's own for a person on record).
    initial["name"] = addition.application.subject_name
    return {**initial, "start_month": str(YearMonth.current())}


def _addition_kwargs(addition: Addition) -> dict:
    return {
        "business_type": addition.business_type,
        "id_type": addition.id_type,
        "id_number": addition.id_number,
        "person": addition.person,
        "this_month": YearMonth.current(),
        "backdate_months": settings.ENROLLMENT_BACKDATE_MONTHS,
        "average_wage": services.average_wage,
    }


class StaffAddition(BusinessType):
    code = STAFF_ADDITION
    name = _("Staff addition")
    detail_template = SECTIONS_DETAIL
    steps = CaseSteps(
        Step("id", _("Identity document"), url_name="enrollment:add"),  # 证件类型和号码
        Step(
            "details",  # 人员信息 + 参保信息
            _("Personal and insurance information"),
            template="enrollment/step_addition.html",
            form_class=AdditionForm,
            initial=_addition_initial,
            form_kwargs=_addition_kwargs,
            context=lambda addition, query: {
                "type_label": ADDITION_TYPES.get(addition.business_type, "")
            },
        ),
        MATERIALS,
    )

    def draft(self, application) -> Addition:
        return Addition(application)

    def approve(self, *, application, by, data: dict) -> None:
        services.addition_approve(application=application, by=by, data=data)

    def start_again(self, application, *, by):
        """新登记 / 新参保 / 续保 decided again: the person may be on record by now."""
        addition = Addition(application)
        return services.addition_start(
            unit=application.unit,
            id_type=addition.id_type,
            id_number=addition.id_number,
            name=application.display_name,
            by=by,
        )

    def detail_context(self, application, query=None) -> dict:
        """业务信息, then every section of the form the decided type had, as typed."""
        addition = Addition(application)
        data = addition.data
        form = AdditionForm(**_addition_kwargs(addition))
        business = [
            (str(_("Business type")), str(ADDITION_TYPES.get(addition.business_type, "—"))),
            (str(_("ID type")), str(Person.IdType(addition.id_type).label)),
            (str(_("ID number")), addition.id_number),
        ]
        if "name" not in form.fields:
            business.append((str(_("Name")), application.display_name))
        if addition.person is not None:
            business.append((str(_("Personal code")), addition.person.personal_code))
        return {
            "sections": [
                Section(str(_("Business information")), business),
                *(section(title, form, data, names) for title, names in form.titled()),
            ]
        }


class Reduction(Draft):
    """A reduction's data: {"reason", "reason_other", "stop_month", "note"} at the top level.
    The person's insurance relation in the unit is read once, when first needed."""

    @cached_property
    def relation(self):
        return services.active_relation(unit=self.application.unit, person=self.person)

    @cached_property
    def window(self):
        if self.relation is None:
            return None
        return services.stop_window(
            unit=self.application.unit, person=self.person, relation=self.relation
        )

    @property
    def reason(self) -> str:
        return str(self.data.get("reason", ""))


def _check_reduction(reduction: Reduction) -> StepCheck:
    form = ReductionForm(reduction.values(REDUCTION_FORM), window=reduction.window)
    errors = [] if reduction.relation is not None else [services.not_active(reduction.person)]
    return StepCheck(form=form, errors=errors)


REDUCTION_FORM = Step(
    "details",  # 减员原因, 停保年月, 备注
    _("Reason and stop month"),
    template="enrollment/step_reduction.html",
    form_class=ReductionForm,
    check=_check_reduction,
    initial=lambda reduction: {"stop_month": str(YearMonth.current())},
    form_kwargs=lambda reduction: {"window": reduction.window},
    context=lambda reduction, query: {"relation": reduction.relation},
)


class StaffReduction(BusinessType):
    code = STAFF_REDUCTION
    name = _("Staff reduction")
    detail_template = SECTIONS_DETAIL
    steps = CaseSteps(
        Step("select", _("Choose person"), url_name="enrollment:reduce"),
        REDUCTION_FORM,
        MATERIALS,
    )
    # Nobody is added or retires while they are being reported as leaving.
    exclusive_with = frozenset({STAFF_ADDITION, "pension_claim"})

    def draft(self, application) -> Reduction:
        return Reduction(application)

    def approve(self, *, application, by, data: dict) -> None:
        services.reduction_approve(application=application, by=by, data=data)

    def start_again(self, application, *, by):
        return services.reduction_start(unit=application.unit, person=application.person, by=by)

    def material_required(self, application, material_type) -> bool:
        return rules.reduction_material_required(application.data.get("reason", ""))

    def detail_context(self, application, query=None) -> dict:
        person = application.person
        reduction = Reduction(application)
        relation = reduction.relation
        return {
            "sections": [
                Section(
                    str(_("Person")),
                    [
                        (str(_("Name")), person.name),
                        (str(_("Personal code")), person.personal_code),
                        (str(_("Insured from")), str(relation.start_month) if relation else "—"),
                    ],
                ),
                section(
                    REDUCTION_FORM.label,
                    ReductionForm(),
                    application.data,
                    ReductionForm.base_fields,
                ),
            ]
        }
