"""养老金申领's case data as a typed object: the only place that knows the JSON shape of a
claim (see `progress.steps` for the part every business shares):

    {"done": [...], "last_step": ..., "basic": {field: value}, "bank": {field: value},
     "adjustments": [row], "special_jobs": [row], "positions": [row], "<table>_entry": {...}}

Values are kept as typed (strings), valid or not; the readers below say what they mean."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django import forms

from pension import rules
from pension.rules import RetirementType
from portal.yearmonth import YearMonth
from progress.drafts import Draft
from roster.models import Person

PENSION_CLAIM = "pension_claim"
BASIC = "basic"  # 退休基本信息
BANK = "bank"  # 银行账号
ADJUSTMENTS = "adjustments"  # 视同缴费信息核增核减
SPECIAL_JOBS = "special_jobs"  # 特殊工种
POSITIONS = "positions"  # 人员职务升降信息


def retirement_group(*, sex: str, staff_category: str) -> rules.RetirementGroup:
    """The retirement age group of a person (the one place that reads 干部/工人 for it)."""
    return rules.retirement_group(sex=sex, is_cadre=staff_category == Person.StaffCategory.CADRE)


@dataclass(frozen=True)
class ContributionFacts:
    """What the checks need of the contribution record besides what was typed."""

    this_month: YearMonth
    paid: frozenset[YearMonth]  # months paid (in any unit)
    deemed: frozenset[YearMonth]  # months deemed (视同缴费) on record

    @property
    def paid_months(self) -> int:
        return len(self.paid)

    @property
    def deemed_months(self) -> int:
        return len(self.deemed)


def _month(value) -> YearMonth | None:
    try:
        return YearMonth.parse(str(value or ""))
    except ValueError:
        return None


class Claim(Draft):
    """A pension claim being filled in. The contribution record is read once, when a check
    first needs it."""

    def __init__(self, application, data=None, *, facts: ContributionFacts | None = None):
        super().__init__(application, data)
        if facts is not None:
            self.__dict__["facts"] = facts

    @cached_property
    def facts(self) -> ContributionFacts:
        from pension.selectors import contribution_history

        return contribution_history(self.person).facts()

    @property
    def basic(self) -> dict:
        return dict(self.data.get(BASIC) or {})

    @property
    def bank(self) -> dict:
        return dict(self.data.get(BANK) or {})

    def table_rows(self, key: str) -> list[dict]:
        return list(self.data.get(key) or [])

    @property
    def birth(self) -> YearMonth:
        return YearMonth.from_date(self.person.birth_date)

    @property
    def staff_category(self) -> str:
        return self.basic.get("staff_category") or self.person.staff_category

    @property
    def group(self) -> rules.RetirementGroup:
        return retirement_group(sex=self.person.sex, staff_category=self.staff_category)

    @property
    def work_start(self) -> YearMonth:
        """参加工作日期 as typed on step ③ (any date format the form takes), else as recorded."""
        try:
            typed = forms.DateField().clean(self.basic.get("work_start", ""))
        except forms.ValidationError:
            typed = None
        return YearMonth.from_date(typed or self.person.work_start_date)

    @property
    def retirement_type(self) -> RetirementType:
        try:
            return RetirementType(self.basic.get("retirement_type"))
        except ValueError:
            return RetirementType.NORMAL

    @property
    def statutory_retirement(self) -> YearMonth:
        return rules.statutory_retirement_month(self.birth, self.group)

    @property
    def retirement(self) -> YearMonth | None:
        """The retirement month the claim names: the statutory month for 正常退休."""
        if self.retirement_type is RetirementType.NORMAL:
            return self.statutory_retirement
        return _month(self.basic.get("retirement_month"))
