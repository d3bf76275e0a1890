"""What each step of a claim must satisfy (R-7.3 … R-7.6): one check per step, for 下一步 and
提交 alike, and the claim read back with its totals. Pure: everything comes from the `Claim`
(its data, the person, the contribution facts)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from pension import claim as claim_data
from pension import rules
from pension.claim import Claim
from pension.forms import (
    SPECIAL_JOB_CATEGORIES,
    AdjustmentRowForm,
    BankForm,
    BasicForm,
    PositionRowForm,
    SpecialJobRowForm,
)
from pension.rules import Period, RetirementType, SpecialJobCategory
from portal.yearmonth import YearMonth
from progress.steps import StepCheck
from roster.models import Person, Retirement

TOO_FEW_MONTHS = _(
    "With these adjustments the contributions reach %(months)d months by %(retirement)s; "
    "retiring in %(year)d needs at least %(minimum)d."
)
SPECIAL_JOB_REQUIRED = _(
    "Early retirement for special jobs needs the special-job periods; add them on this step."
)
SPECIAL_JOB_TOO_SHORT = _(
    "The special-job periods add up to %(months)d months; %(category)s needs at least %(years)d "
    "years."
)
NO_RETIREMENT = _("Complete the retirement details first.")
HISTORY_NOT_SEEN = _("Look through the contribution history and press Next.")
ROW_FORMAT_ERROR = _("Row %(number)d is not complete or not valid; delete it and enter it again.")

ROW_FORMS = {
    claim_data.ADJUSTMENTS: AdjustmentRowForm,
    claim_data.SPECIAL_JOBS: SpecialJobRowForm,
    claim_data.POSITIONS: PositionRowForm,
}
PERIOD_MESSAGES = {
    "start_after_end": _("The start is after the end."),
    "before_work_start": _("It begins before the person started work (%(first)s)."),
    "after_limit": _("It runs past %(last)s."),
    "overlap": _("It overlaps another row."),
    "after_retirement": _("The change is after the retirement month."),
    "two_in_a_year": _("From 2014 to 2024 at most one change a year is allowed."),
    "already_counted": _(
        "Some of these months are already counted as paid or deemed; they cannot be added again."
    ),
    "not_deemed": _("A deduction must lie within the deemed periods on record."),
}


def cleaned_row(key: str, row: dict) -> dict | None:
    form = ROW_FORMS[key](row)
    return form.cleaned_data if form.is_valid() else None


def _periods(claim: Claim, key: str, wanted: str | None = None) -> list[Period]:
    periods = []
    for row in claim.table_rows(key):
        values = cleaned_row(key, row)
        if values and (wanted is None or values.get("kind") == wanted):
            periods.append(Period(values["start"], values["end"]))
    return periods


def row_months(key: str):
    """The 月数 column of a table of periods."""

    def months(row: dict) -> str:
        values = cleaned_row(key, row)
        if values and values.get("end") and values["start"] <= values["end"]:
            return str(Period(values["start"], values["end"]).months)
        return ""

    return months


def row_problems(claim: Claim, key: str) -> dict[int, list[str]]:
    """{row index: [messages]} for the rows of table `key` against the rules (R-7.3b, R-7.4,
    R-7.5), given the claim's retirement month and work start."""
    retirement, work_start = claim.retirement, claim.work_start
    problems: dict[int, list[str]] = {}
    cleaned = []
    for index, row in enumerate(claim.table_rows(key)):
        values = cleaned_row(key, row)
        if values is None:
            problems.setdefault(index, []).append(str(ROW_FORMAT_ERROR % {"number": index + 1}))
        else:
            cleaned.append((index, values))
    if retirement is None:
        return problems
    last_allowed = rules.DEEMED_LAST_MONTH if key == claim_data.ADJUSTMENTS else None
    latest = min(retirement, last_allowed) if last_allowed else retirement
    periods = [Period(v["start"], v["end"] or retirement) for _index, v in cleaned]
    found = rules.period_problems(
        periods, work_start=work_start, retirement=retirement, last_allowed=last_allowed
    )
    if key == claim_data.ADJUSTMENTS:
        facts = claim.facts
        found += rules.adjustment_record_problems(
            [(v["kind"], Period(v["start"], v["end"])) for _index, v in cleaned],
            counted=facts.paid | facts.deemed,
            deemed=facts.deemed,
        )
    if key == claim_data.POSITIONS:
        found += rules.position_change_problems(
            [v["start"] for _index, v in cleaned], retirement=retirement
        )
        found = [(i, "after_retirement" if p == "after_limit" else p) for i, p in found]
    for position, problem in found:
        message = str(PERIOD_MESSAGES[problem] % {"first": work_start, "last": latest})
        messages = problems.setdefault(cleaned[position][0], [])
        if message not in messages:
            messages.append(message)
    return problems


def adjusted_months(claim: Claim) -> int:
    """Paid and deemed months on record with the typed additions and deductions (R-7.3a)."""
    return rules.cumulative_months(
        paid=claim.facts.paid_months,
        deemed=claim.facts.deemed_months,
        additions=_periods(claim, claim_data.ADJUSTMENTS, "add"),
        deductions=_periods(claim, claim_data.ADJUSTMENTS, "deduct"),
    )


def months_by_retirement(claim: Claim, retirement: YearMonth) -> int:
    return rules.months_at_retirement(
        paid=adjusted_months(claim),
        deemed=0,
        this_month=claim.facts.this_month,
        retirement=retirement,
    )


# --- One check per step ------------------------------------------------------------------------


def check_history(claim: Claim) -> StepCheck:
    seen = "history" in claim.done
    return StepCheck(errors=[] if seen else [str(HISTORY_NOT_SEEN)])


def check_basic(claim: Claim) -> StepCheck:
    form = BasicForm(claim.basic, person=claim.person)
    check = StepCheck(form=form, row_problems=row_problems(claim, claim_data.ADJUSTMENTS))
    if form.is_valid():
        retirement = form.retirement
        months = months_by_retirement(claim, retirement)
        minimum = rules.minimum_contribution_months(retirement.year)
        if months < minimum:
            check.errors.append(
                str(
                    TOO_FEW_MONTHS
                    % {
                        "months": months,
                        "retirement": retirement,
                        "year": retirement.year,
                        "minimum": minimum,
                    }
                )
            )
    return check


def _check_rows(claim: Claim, key: str) -> StepCheck:
    """A step of rows: each row against the rules, once step ③ names the retirement month."""
    check = StepCheck(row_problems=row_problems(claim, key))
    if claim.retirement is None:
        check.errors.append(str(NO_RETIREMENT))
    return check


def check_special_jobs(claim: Claim) -> StepCheck:
    check = _check_rows(claim, claim_data.SPECIAL_JOBS)
    if claim.retirement_type is not RetirementType.SPECIAL_JOB:
        return check
    jobs = []
    for row in claim.table_rows(claim_data.SPECIAL_JOBS):
        values = cleaned_row(claim_data.SPECIAL_JOBS, row)
        if values:
            jobs.append(
                (SpecialJobCategory(values["category"]), Period(values["start"], values["end"]))
            )
    for problem in rules.special_job_problems(jobs):
        if problem == "no_special_job":
            check.errors.append(str(SPECIAL_JOB_REQUIRED))
            continue
        required = rules.special_job_required_years([c for c, _p in jobs])
        strictest = next(c for c, _p in jobs if rules.SPECIAL_JOB_YEARS[c] == required)
        check.errors.append(
            str(
                SPECIAL_JOB_TOO_SHORT
                % {
                    "months": sum(p.months for _c, p in jobs),
                    "category": dict(SPECIAL_JOB_CATEGORIES)[strictest.value],
                    "years": required,
                }
            )
        )
    return check


def check_positions(claim: Claim) -> StepCheck:
    return _check_rows(claim, claim_data.POSITIONS)


def check_bank(claim: Claim) -> StepCheck:
    return StepCheck(form=BankForm(claim.bank, person=claim.person))


# --- Reading a claim (the rule box, the case page, the review) --------------------------------


def retirement_rule(claim: Claim) -> dict:
    """The statutory month with the rule behind it, and the months each type allows."""
    person, birth, group = claim.person, claim.birth, claim.group
    age = rules.statutory_retirement_age_months(birth, group)
    statutory = claim.statutory_retirement
    retirement = claim.retirement
    return {
        "group": group.value,
        "birth": birth,
        "age_years": age // 12,
        "age_months": age % 12,
        "statutory": statutory,
        "retirement": retirement,
        "minimum": rules.minimum_contribution_months((retirement or statutory).year),
        "bounds": [
            (
                Retirement.Type(kind.value).label,
                *rules.retirement_month_bounds(kind, birth=birth, group=group, sex=person.sex),
            )
            for kind in RetirementType
        ],
    }


def salary_total(basic: dict, when: str) -> Decimal | None:
    """合计 of a salary archive: post salary plus grade salary (None until both are numbers)."""
    try:
        total = Decimal(str(basic.get(f"salary_{when}_post"))) + Decimal(
            str(basic.get(f"salary_{when}_grade"))
        )
    except ArithmeticError:
        return None
    return total if total.is_finite() else None


def claim_summary(claim: Claim) -> dict:
    """Everything a reader of the claim needs, with the computed totals."""
    basic = claim.basic
    retirement = claim.retirement
    return {
        "basic": basic,
        "type_label": Retirement.Type(claim.retirement_type.value).label,
        "category_label": dict(Person.StaffCategory.choices).get(basic.get("staff_category"), ""),
        "rule": retirement_rule(claim),
        "salary_2014_total": salary_total(basic, "2014"),
        "salary_now_total": salary_total(basic, "now"),
        "bank": claim.bank,
        "paid_months": claim.facts.paid_months,
        "deemed_months": claim.facts.deemed_months,
        "adjusted_months": adjusted_months(claim),
        "months_at_retirement": months_by_retirement(claim, retirement) if retirement else None,
    }
