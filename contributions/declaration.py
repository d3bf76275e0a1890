"""缴费基数申报 as a business of the case core: ① 开始申报 ② 填报工资 — a page of 50 persons at
a time, each with last year's base, the wage typed, the base applied (the clamp marked) and the
monthly amounts — ③ 上传资料; approval adds the base periods."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _

from contributions import declaration_files, services
from contributions.rules import clamped
from contributions.services import (
    BASE_DECLARATION,
    WAGE_INVALID,
    WAGE_MISSING,
    parse_wage,
    wage_key,
)
from enrollment.rules import base_range
from portal import workbook_reports
from portal.forms import PortalForm
from progress.drafts import Draft
from progress.registry import BusinessType
from progress.steps import MATERIALS, CaseSteps, Step, StepCheck

PER_PAGE = 50
ROW_PROBLEM = _("Row %(line)d %(name)s: %(message)s")
MORE_PROBLEMS = _("… and %(count)d more rows to fill or correct.")
SHOWN = 20


class Declaration(Draft):
    """A declaration's data: {"year": 2026, "wage_<line>": "8650.50", …}; its persons are the
    case's rows."""

    @property
    def year(self) -> int:
        return self.data["year"]

    def values(self, step) -> dict:
        if step.key != WAGES_KEY:
            return super().values(step)
        # Read once per data (a page asks several times, and they are 5,000); read-only, as
        # every caller takes it (`Step.initial_values` merges it into a dict of its own).
        cached = getattr(self, "_wages", None)
        if cached is None or cached[0] is not self.data:
            wages = {key: value for key, value in self.data.items() if key.startswith("wage_")}
            self._wages = cached = (self.data, wages)
        return cached[1]

    def page(self):
        """The page of persons asked for (the query's `page`), read once per request."""
        asked = self.query.get("page")
        cached = getattr(self, "_page", None)
        if cached is None or cached[0] != asked:
            rows = self.application.rows.order_by("line")
            self._page = cached = (asked, Paginator(rows, PER_PAGE).get_page(asked))
        return cached[1]


class WagePageForm(PortalForm):
    """One 上年度月平均工资 field per person of the page; 暂存 keeps what was typed, 下一步 asks
    for every person's wage."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[wage_key(row.line)] = forms.CharField(
                label=_("%(name)s's previous year's average monthly wage") % {"name": row.name},
                required=False,
                max_length=14,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "wage-input"}),
            )

    def clean(self):
        data = super().clean()
        for row in self.rows:
            key = wage_key(row.line)
            if self.is_bound and data.get(key, "") and parse_wage(data[key]) is None:
                self.add_error(key, WAGE_INVALID)
        return data


def wage_problem(value) -> str | None:
    if value in ("", None):
        return str(WAGE_MISSING)
    return None if parse_wage(value) is not None else str(WAGE_INVALID)


def _check(declaration: Declaration) -> StepCheck:
    """Every person's wage is there and is money: the page's fields say it next to them, the
    other pages' rows are listed (the first twenty)."""
    page = declaration.page()
    on_page = {row.line for row in page}
    values = declaration.values(WAGES)
    form = WagePageForm(values, rows=page)
    for row in page:
        problem = wage_problem(values.get(wage_key(row.line)))
        if problem and not form.has_error(wage_key(row.line)):
            form.add_error(wage_key(row.line), problem)
    found = []
    for line, name in declaration.application.rows.order_by("line").values_list("line", "name"):
        problem = wage_problem(values.get(wage_key(line)))
        if problem and line not in on_page:
            found.append(str(ROW_PROBLEM % {"line": line, "name": name, "message": problem}))
    if len(found) > SHOWN:
        found = [*found[:SHOWN], str(MORE_PROBLEMS % {"count": len(found) - SHOWN})]
    return StepCheck(form=form, errors=found)


def priced_rows(application, rows, values) -> tuple[list[tuple], dict]:
    """Each row with its wage typed and what it gives (None while not a wage), and the year's
    pricing."""
    pricing = services.Pricing(application.data["year"])
    priced = []
    for row in rows:
        wage = parse_wage(values.get(wage_key(row.line), ""))
        annuity = bool(row.data.get("annuity"))
        priced.append((row, pricing.price(wage, annuity=annuity) if wage else None))
    low, high = base_range(pricing.average)
    return priced, {"average": pricing.average, "low": low, "high": high, "pricing": pricing}


def totals(application, values, pricing) -> dict:
    """The unit's sums over every person with a wage typed: bases and monthly amounts."""
    base, filled = 0, 0
    unit = personal = annuity_unit = annuity_personal = 0
    # The annuity flag as text (PostgreSQL "true", SQLite 1): no row's JSON is decoded.
    rows = application.rows.order_by().annotate(annuity=KT("data__annuity"))
    rows = rows.values_list("line", "annuity")  # unordered: sums need no order, nor a join
    for line, annuity in rows:
        wage = parse_wage(values.get(wage_key(line), ""))
        if wage is None:
            continue
        filled += 1
        applied = clamped(wage, *pricing.bounds).base
        base += applied
        amounts = pricing.amounts(applied, annuity=annuity in ("true", "1", 1, True))
        unit, personal = unit + amounts[0], personal + amounts[1]
        annuity_unit, annuity_personal = annuity_unit + amounts[2], annuity_personal + amounts[3]
    return {
        "filled": filled,
        "base": base,
        "unit": unit,
        "personal": personal,
        "annuity_unit": annuity_unit,
        "annuity_personal": annuity_personal,
    }


def _shown(application, page, values) -> dict:
    """What the step and the case pages show: the page's rows priced, the unit's totals."""
    priced, pricing = priced_rows(application, page, values)
    return {
        "wide_detail": True,
        "row_page": page,
        "priced": priced,
        "year": application.data["year"],
        "persons": page.paginator.count,
        "totals": totals(application, values, pricing["pricing"]),
        **pricing,
    }


def _context(declaration: Declaration, query) -> dict:
    report = declaration.data.get("upload") or {}
    invalid = report.get("invalid")
    problems = workbook_reports.table(report, declaration_files.header_of) if invalid else []
    return {
        **_shown(declaration.application, declaration.page(), declaration.values(WAGES)),
        "report": report,
        "problems": problems,
    }


WAGES_KEY = "wages"
WAGES = Step(
    WAGES_KEY,  # 填报工资
    _("Wages of last year"),
    template="contributions/step_wages.html",
    form_class=WagePageForm,
    form_kwargs=lambda declaration: {"rows": declaration.page()},
    check=_check,
    context=_context,
    receive=declaration_files.receive,
)


class BaseDeclaration(BusinessType):
    code = BASE_DECLARATION
    name = _("Contribution base declaration")
    detail_template = "contributions/declaration_detail.html"
    steps = CaseSteps(
        Step("start", _("Open the declaration"), url_name="contributions:declaration"),
        WAGES,
        MATERIALS,
    )

    def draft(self, application) -> Declaration:
        return Declaration(application)

    def approve(self, *, application, by, data: dict) -> None:
        services.declaration_approve(application)

    def detail_context(self, application, query=None) -> dict:
        declaration = Declaration(application)
        declaration.query = query or {}
        return _shown(application, declaration.page(), declaration.values(WAGES))
