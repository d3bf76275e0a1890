"""The steps of 养老金申领 (R-7.1 … R-7.7), declared once: ① 选择人员 … ⑦ 上传资料."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pension import checks
from pension import claim as claim_data
from pension.claim import Claim
from pension.forms import AdjustmentRowForm, BankForm, BasicForm, PositionRowForm, SpecialJobRowForm
from pension.rules import RetirementType
from pension.selectors import contribution_history
from pension.tables import history_table
from progress.steps import MATERIALS, CaseSteps, RowTable, Step

MONTHS = _("Months")

ADJUSTMENTS = RowTable(
    claim_data.ADJUSTMENTS,
    AdjustmentRowForm,
    columns=("kind", "start", "end", "months", "reason"),
    computed={"months": (MONTHS, checks.row_months(claim_data.ADJUSTMENTS))},
    caption=_("Adjustment rows"),
)
SPECIAL_JOBS = RowTable(
    claim_data.SPECIAL_JOBS,
    SpecialJobRowForm,
    columns=("name", "category", "start", "end", "months", "employer", "approval"),
    computed={"months": (MONTHS, checks.row_months(claim_data.SPECIAL_JOBS))},
    caption=_("Special-job periods"),
    empty_text=_("No special-job periods."),
)
POSITIONS = RowTable(
    claim_data.POSITIONS,
    PositionRowForm,
    columns=("start", "end", "title", "direction", "document"),
    can_edit=True,  # 修改 on this table alone
    caption=_("Position changes"),
    empty_text=_("No position changes."),
)


def basic_initial(claim: Claim) -> dict:
    """First entry of ③: prefilled from the person (R-7.3)."""
    person = claim.person
    return {
        "work_start": person.work_start_date.isoformat(),
        "staff_category": person.staff_category,
        "retirement_type": RetirementType.NORMAL.value,
        "retirement_month": str(claim.statutory_retirement),
    }


def _rule(claim: Claim) -> dict:
    return {"rule": checks.retirement_rule(claim)}


def _history(claim: Claim, query=None) -> dict:
    history = contribution_history(claim.person)
    return {"history": history, "grid": history_table(history), **_rule(claim)}


def _basic(claim: Claim, query=None) -> dict:
    basic = claim.basic
    return {
        **_rule(claim),
        **{f"salary_{when}_total": checks.salary_total(basic, when) for when in ("2014", "now")},
    }


def _person(claim: Claim) -> dict:
    return {"person": claim.person}


STEPS = CaseSteps(
    Step("select", _("Choose person"), url_name="pension:start"),  # 选择人员
    Step(
        "history",  # 缴费信息
        _("Contributions"),
        template="pension/step_history.html",
        check=checks.check_history,
        context=_history,
        can_save=False,
    ),
    Step(
        "basic",  # 退休基本信息
        _("Retirement details"),
        template="pension/step_basic.html",
        form_class=BasicForm,
        data_key=claim_data.BASIC,
        table=ADJUSTMENTS,
        check=checks.check_basic,
        initial=basic_initial,
        form_kwargs=_person,
        context=_basic,
    ),
    Step(
        "special_jobs",  # 特殊工种
        _("Special jobs"),
        table=SPECIAL_JOBS,
        check=checks.check_special_jobs,
        intro=_(
            "Periods of work at heights, underground, at high temperature, especially heavy or "
            "otherwise harmful work. Leave the table empty if there are none."
        ),
    ),
    Step(
        "positions",  # 人员职务升降信息
        _("Position changes"),
        table=POSITIONS,
        check=checks.check_positions,
        intro=_(
            "From 2014 to 2024 at most one change a year. Modify loads a row into the form "
            "above; Save the change puts it back."
        ),
    ),
    Step(
        "bank",  # 银行账号
        _("Bank account"),
        template="pension/step_bank.html",
        form_class=BankForm,
        data_key=claim_data.BANK,
        check=checks.check_bank,
        initial=lambda claim: {"holder": claim.person.name},
        form_kwargs=_person,
    ),
    MATERIALS,
)
