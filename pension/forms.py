"""The claim's steps (R-7.3 … R-7.6): their forms, the rows typed above a table, and the check
of a whole step against the rules — one check for 下一步 and for 提交.

A claim's data (`Application.data`) keeps what was typed, as strings, valid or not:
{"done": [step, …], "basic": {field: value}, "adjustments": [row], "special_jobs": [row],
"positions": [row], "bank": {field: value}}. A step is in `done` once 下一步 accepted it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pension import rules
from pension.rules import Period, RetirementType, SpecialJobCategory
from portal.yearmonth import YearMonth, YearMonthFormField, YearMonthSelectWidget
from roster.models import Person, Retirement

STEPS = (
    ("select", _("Choose person")),  # 选择人员
    ("history", _("Contributions")),  # 缴费信息
    ("basic", _("Retirement details")),  # 退休基本信息
    ("special_jobs", _("Special jobs")),  # 特殊工种
    ("positions", _("Position changes")),  # 人员职务升降信息
    ("bank", _("Bank account")),  # 银行账号
    ("materials", _("Upload documents")),  # 上传资料
)
STEP_KEYS = [key for key, _label in STEPS]
STEP_LABELS = dict(STEPS)
MAX_ROWS = 30

ADJUSTMENT_KINDS = [("add", _("Addition")), ("deduct", _("Deduction"))]  # 核增 / 核减
SPECIAL_JOB_CATEGORIES = [
    (SpecialJobCategory.HEIGHTS_OR_HEAVY.value, _("Work at heights or especially heavy labour")),
    (SpecialJobCategory.UNDERGROUND_OR_HEAT.value, _("Underground or high-temperature work")),
    (SpecialJobCategory.OTHER_HARMFUL.value, _("Other work harmful to health")),
]
DIRECTIONS = [("up", _("Promotion")), ("down", _("Demotion"))]  # 升 / 降
BANKS = [
    (code, code)
    for code in (
        "中国工商银行",
        "中国农业银行",
        "中国银行",
        "中国建设银行",
        "交通银行",
        "中国邮政储蓄银行",
        "江西银行",
        "九江银行",
        "江西农商银行",
    )
]

RETIREMENT_MONTH_REQUIRED = _("Choose the retirement month.")
RETIREMENT_MONTH_RANGE = _(
    "For this retirement type the month lies between %(first)s and %(last)s."
)
UNIT_AGREEMENT_REQUIRED = _("Deferred retirement needs the unit's agreement; tick the box.")
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
LUHN_WARNING = _(
    "This account number fails the usual card check; please check it against the card or "
    "passbook, then tick the box below."
)
MONTH_FORMAT_HINT = "YYYY-MM"
BLANK = [("", "—")]

WORKING_YEARS_MESSAGES = {
    "months_range": ("service_months", _("Months are 0 to 11.")),
    "under_15_years": ("service_years", _("A pension needs at least 15 years of work.")),
    "longer_than_career": (
        "service_years",
        _("The working years are longer than the time from starting work to retirement."),
    ),
}
BANK_MESSAGES = {
    "holder_not_person": ("holder", _("The account holder must be the person claiming.")),
    "number_format": ("number", _("An account number has 12 to 19 digits.")),
    "numbers_differ": ("number_repeat", _("The two account numbers differ.")),
}


def period_message(problem: str, *, work_start: YearMonth, latest: YearMonth) -> str:
    return str(
        {
            "start_after_end": _("The start is after the end."),
            "before_work_start": _("It begins before the person started work (%(first)s)."),
            "after_limit": _("It runs past %(last)s."),
            "overlap": _("It overlaps another row."),
            "after_retirement": _("The change is after the retirement month."),
            "two_in_a_year": _("From 2014 to 2024 at most one change a year is allowed."),
            "already_counted": _(
                "Some of these months are already counted as paid or deemed; they cannot be "
                "added again."
            ),
            "not_deemed": _("A deduction must lie within the deemed periods on record."),
        }[problem]
    ) % {"first": work_start, "last": latest}


# --- What a claim's data says --------------------------------------------------------------


@dataclass(frozen=True)
class ClaimContext:
    """The facts a step check needs besides what was typed (read by the view)."""

    person: Person
    this_month: YearMonth
    paid: frozenset[YearMonth]  # months paid (in any unit)
    deemed: frozenset[YearMonth]  # months deemed (视同缴费) on record

    @property
    def paid_months(self) -> int:
        return len(self.paid)

    @property
    def deemed_months(self) -> int:
        return len(self.deemed)

    @property
    def birth(self) -> YearMonth:
        return YearMonth.from_date(self.person.birth_date)


def _month(value) -> YearMonth | None:
    try:
        return YearMonth.parse(str(value or ""))
    except ValueError:
        return None


def claim_group(data: dict, person: Person) -> rules.RetirementGroup:
    category = data.get("basic", {}).get("staff_category") or person.staff_category
    return rules.retirement_group(sex=person.sex, is_cadre=category == "cadre")


def claim_work_start(data: dict, person: Person) -> YearMonth:
    """参加工作日期 as typed on step ③ (any date format the form takes), else as recorded."""
    try:
        typed = forms.DateField().clean(data.get("basic", {}).get("work_start", ""))
    except forms.ValidationError:
        typed = None
    return YearMonth.from_date(typed or person.work_start_date)


def claim_retirement_type(data: dict) -> RetirementType:
    try:
        return RetirementType(data.get("basic", {}).get("retirement_type"))
    except ValueError:
        return RetirementType.NORMAL


def claim_retirement(data: dict, person: Person) -> YearMonth | None:
    """The retirement month the claim names: the statutory month for 正常退休."""
    birth = YearMonth.from_date(person.birth_date)
    if claim_retirement_type(data) is RetirementType.NORMAL:
        return rules.statutory_retirement_month(birth, claim_group(data, person))
    return _month(data.get("basic", {}).get("retirement_month"))


def typed_values(form: forms.Form) -> dict:
    """What was typed into a bound form, valid or not, as JSON-safe values (for 暂存)."""
    values = {}
    for name, form_field in form.fields.items():
        value = form[name].data
        if isinstance(value, (list, tuple)):  # the year and month selects
            year, month = (str(part).strip()[:4] for part in [*value, "", ""][:2])
            if re.fullmatch(r"[0-9]{1,4}", year) and re.fullmatch(r"[0-9]{1,2}", month):
                value = f"{year}-{int(month):02d}"
            else:  # half chosen: kept as the pair, shown and checked again as such
                value = [year, month] if year or month else ""
        elif isinstance(value, bool):
            pass
        elif value is None:
            value = ""
        else:
            value = str(value).strip()[: getattr(form_field, "max_length", None) or 100]
        values[name] = value
    return values


# --- Forms -----------------------------------------------------------------------------------


def _month_text(label) -> YearMonthFormField:
    return YearMonthFormField(
        label=label,
        widget=forms.TextInput(attrs={"placeholder": MONTH_FORMAT_HINT, "maxlength": 7, "size": 8}),
    )


def _money(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=8, decimal_places=2, min_value=Decimal("0"), localize=False
    )


class BasicForm(forms.Form):
    """基础信息, the two salary archives and 工作年限 (R-7.3)."""

    work_start = forms.DateField(
        label=_("Date started work"),
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "maxlength": 10}),
    )
    staff_category = forms.ChoiceField(
        label=_("Cadre or worker"), choices=BLANK + list(Person.StaffCategory.choices)
    )
    retirement_type = forms.ChoiceField(
        label=_("Retirement type"), choices=BLANK + list(Retirement.Type.choices)
    )
    retirement_month = YearMonthFormField(
        label=_("Retirement month"),
        required=False,
        widget=YearMonthSelectWidget(first_year=2020, last_year=2080),
    )
    unit_agrees = forms.BooleanField(
        label=_("The unit agrees to the deferred retirement"), required=False
    )
    salary_2014_title = forms.CharField(label=_("Post or position"), max_length=50)
    salary_2014_post = _money(_("Post salary (yuan)"))
    salary_2014_grade = _money(_("Grade salary (yuan)"))
    salary_now_title = forms.CharField(label=_("Post or position"), max_length=50)
    salary_now_post = _money(_("Post salary (yuan)"))
    salary_now_grade = _money(_("Grade salary (yuan)"))
    service_years = forms.IntegerField(label=_("Working years: years"), min_value=0, max_value=70)
    service_months = forms.IntegerField(label=_("Working years: months"))

    SECTIONS = {
        "basic": ("work_start", "staff_category", "retirement_type", "retirement_month"),
        "salary_2014": ("salary_2014_title", "salary_2014_post", "salary_2014_grade"),
        "salary_now": ("salary_now_title", "salary_now_post", "salary_now_grade"),
    }

    def __init__(self, *args, context: ClaimContext, **kwargs):
        super().__init__(*args, **kwargs)
        self.context = context
        self.retirement: YearMonth | None = None

    def _section(self, name: str):
        return [self[field_name] for field_name in self.SECTIONS[name]]

    @property
    def basic_fields(self):
        return self._section("basic")

    @property
    def salary_2014_fields(self):
        return self._section("salary_2014")

    @property
    def salary_now_fields(self):
        return self._section("salary_now")

    def clean(self):
        data = super().clean()
        person = self.context.person
        if not data.get("retirement_type") or "staff_category" not in data:
            return data
        kind = RetirementType(data["retirement_type"])
        group = rules.retirement_group(sex=person.sex, is_cadre=data["staff_category"] == "cadre")
        first, last = rules.retirement_month_bounds(
            kind, birth=self.context.birth, group=group, sex=person.sex
        )
        month = first if kind is RetirementType.NORMAL else data.get("retirement_month")
        if month is None:
            if "retirement_month" not in self.errors:
                self.add_error("retirement_month", RETIREMENT_MONTH_REQUIRED)
            return data
        if not first <= month <= last:
            self.add_error(
                "retirement_month", RETIREMENT_MONTH_RANGE % {"first": first, "last": last}
            )
            return data
        data["retirement_month"] = month
        self.retirement = month
        if kind is RetirementType.FLEXIBLE_LATE and not data.get("unit_agrees"):
            self.add_error("unit_agrees", UNIT_AGREEMENT_REQUIRED)
        if (
            data.get("work_start")
            and data.get("service_years") is not None
            and (data.get("service_months") is not None)
        ):
            for problem in rules.working_years_problems(
                years=data["service_years"],
                months=data["service_months"],
                work_start=YearMonth.from_date(data["work_start"]),
                retirement=month,
            ):
                field_name, message = WORKING_YEARS_MESSAGES[problem]
                self.add_error(field_name, message)
        return data

    def values(self) -> dict:
        values = typed_values(self)
        if self.retirement is not None:  # 正常退休 stores the month the rule gives
            values["retirement_month"] = str(self.retirement)
        if self.is_bound and "work_start" in getattr(self, "cleaned_data", {}):
            values["work_start"] = self.cleaned_data["work_start"].isoformat()
        return values


class AdjustmentRowForm(forms.Form):
    """视同缴费信息核增核减: one row."""

    kind = forms.ChoiceField(label=_("Type"), choices=BLANK + ADJUSTMENT_KINDS)
    start = _month_text(_("Start month"))
    end = _month_text(_("End month"))
    reason = forms.CharField(label=_("Reason"), max_length=100)


class SpecialJobRowForm(forms.Form):
    """特殊工种 (R-7.4): one period."""

    name = forms.CharField(label=_("Job"), max_length=50)
    category = forms.ChoiceField(label=_("Category"), choices=BLANK + SPECIAL_JOB_CATEGORIES)
    start = _month_text(_("Start month"))
    end = _month_text(_("End month"))
    employer = forms.CharField(label=_("Unit"), max_length=100)
    approval = forms.CharField(label=_("Approval document no."), max_length=50, required=False)


class PositionRowForm(forms.Form):
    """人员职务升降信息 (R-7.5): one post held."""

    start = _month_text(_("Held from"))
    end = YearMonthFormField(
        label=_("Held until"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": MONTH_FORMAT_HINT, "maxlength": 7, "size": 8}),
    )
    title = forms.CharField(label=_("Post or rank"), max_length=50)
    direction = forms.ChoiceField(label=_("Promotion or demotion"), choices=BLANK + DIRECTIONS)
    document = forms.CharField(label=_("Document no."), max_length=50, required=False)


def _digits(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value or "").split())


class BankForm(forms.Form):
    """银行账号 (R-7.6)."""

    bank = forms.ChoiceField(label=_("Bank"), choices=BLANK + BANKS)
    holder = forms.CharField(label=_("Account holder"), max_length=50)
    number = forms.CharField(label=_("Account number"), max_length=30)
    number_repeat = forms.CharField(label=_("Account number again"), max_length=30)
    luhn_checked = forms.BooleanField(
        label=_("I have checked the account number against the card"), required=False
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.luhn_warning = False
        for name in ("number", "number_repeat"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

    def values(self) -> dict:
        return typed_values(self)

    def clean_number(self):
        return _digits(self.cleaned_data["number"])

    def clean_number_repeat(self):
        return _digits(self.cleaned_data["number_repeat"])

    def clean(self):
        data = super().clean()
        if {"holder", "number", "number_repeat"} - set(data):
            return data
        errors, warnings = rules.bank_account_problems(
            holder=data["holder"],
            person_name=self.person.name,
            number=data["number"],
            repeated=data["number_repeat"],
        )
        for problem in errors:
            field_name, message = BANK_MESSAGES[problem]
            self.add_error(field_name, message)
        if "luhn" in warnings:
            self.luhn_warning = True
            if not data.get("luhn_checked"):
                self.add_error("luhn_checked", LUHN_WARNING)
        return data


# --- Rows typed above a table --------------------------------------------------------------


@dataclass(frozen=True)
class RowKind:
    key: str  # the key in the claim data and the prefix of the hidden fields
    form_class: type[forms.Form]

    def rows_from_post(self, post) -> list[dict]:
        """The rows carried in hidden fields `<key>-<n>-<field>`."""
        names = list(self.form_class.base_fields)
        rows = []
        for index in range(MAX_ROWS):
            if f"{self.key}-{index}-{names[0]}" not in post:
                break
            rows.append(
                {name: post.get(f"{self.key}-{index}-{name}", "")[:100].strip() for name in names}
            )
        return rows

    def entry(self, data=None, initial=None) -> forms.Form:
        return self.form_class(data, initial=initial, prefix="new")

    def cleaned(self, row: dict) -> dict | None:
        form = self.form_class(row)
        return form.cleaned_data if form.is_valid() else None


ADJUSTMENTS = RowKind("adjustments", AdjustmentRowForm)
SPECIAL_JOBS = RowKind("special_jobs", SpecialJobRowForm)
POSITIONS = RowKind("positions", PositionRowForm)
ROW_KINDS = {kind.key: kind for kind in (ADJUSTMENTS, SPECIAL_JOBS, POSITIONS)}
ROW_FORMAT_ERROR = _("Row %(number)d is not complete or not valid; delete it and enter it again.")


def row_problems(kind: RowKind, rows: list[dict], data: dict, context: ClaimContext) -> dict:
    """{row index: [messages]} for the rows of `kind` against the rules (R-7.3b, R-7.4,
    R-7.5), given the claim's retirement month and work start."""
    person = context.person
    retirement = claim_retirement(data, person)
    work_start = claim_work_start(data, person)
    problems: dict[int, list[str]] = {}
    cleaned = []
    for index, row in enumerate(rows):
        values = kind.cleaned(row)
        if values is None:
            problems.setdefault(index, []).append(str(ROW_FORMAT_ERROR % {"number": index + 1}))
        else:
            cleaned.append((index, values))
    if retirement is None:
        return problems
    last_allowed = rules.DEEMED_LAST_MONTH if kind is ADJUSTMENTS else None
    latest = min(retirement, last_allowed) if last_allowed else retirement
    periods = [Period(v["start"], v["end"] or retirement) for _index, v in cleaned]
    found = rules.period_problems(
        periods, work_start=work_start, retirement=retirement, last_allowed=last_allowed
    )
    if kind is ADJUSTMENTS:
        found += rules.adjustment_record_problems(
            [(v["kind"], Period(v["start"], v["end"])) for _index, v in cleaned],
            counted=context.paid | context.deemed,
            deemed=context.deemed,
        )
    if kind is POSITIONS:
        found += rules.position_change_problems(
            [v["start"] for _index, v in cleaned], retirement=retirement
        )
        found = [(i, "after_retirement" if p == "after_limit" else p) for i, p in found]
    for position, problem in found:
        message = period_message(problem, work_start=work_start, latest=latest)
        messages = problems.setdefault(cleaned[position][0], [])
        if message not in messages:
            messages.append(message)
    return problems


# --- Step checks -----------------------------------------------------------------------------


@dataclass
class StepCheck:
    form: forms.Form | None = None
    row_problems: dict[int, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.form is None or self.form.is_valid()) and not (
            self.row_problems or self.errors
        )

    def messages(self) -> list[str]:
        """Every problem as a sentence (for the list before 提交)."""
        found = list(self.errors)
        if self.form is not None and not self.form.is_valid():
            for name, errors in self.form.errors.items():
                label = self.form.fields[name].label if name in self.form.fields else ""
                found += [f"{label}：{error}" if label else str(error) for error in errors]
        for index, problems in sorted(self.row_problems.items()):
            found += [f"{index + 1}：{problem}" for problem in problems]
        return found


def _periods(rows: list[dict], kind: RowKind, wanted: str | None = None) -> list[Period]:
    periods = []
    for row in rows:
        values = kind.cleaned(row)
        if values and (wanted is None or values.get("kind") == wanted):
            periods.append(Period(values["start"], values["end"]))
    return periods


def check_basic(data: dict, context: ClaimContext) -> StepCheck:
    form = BasicForm(data.get("basic", {}), context=context)
    rows = data.get(ADJUSTMENTS.key, [])
    check = StepCheck(form=form, row_problems=row_problems(ADJUSTMENTS, rows, data, context))
    if form.is_valid():
        retirement = form.retirement
        adjusted = rules.cumulative_months(
            paid=context.paid_months,
            deemed=context.deemed_months,
            additions=_periods(rows, ADJUSTMENTS, "add"),
            deductions=_periods(rows, ADJUSTMENTS, "deduct"),
        )
        months = rules.months_at_retirement(
            paid=adjusted, deemed=0, this_month=context.this_month, retirement=retirement
        )
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


def _check_rows(kind: RowKind, data: dict, context: ClaimContext) -> StepCheck:
    """A step of rows: each row against the rules, once step ③ names the retirement month."""
    rows = data.get(kind.key, [])
    check = StepCheck(row_problems=row_problems(kind, rows, data, context))
    if claim_retirement(data, context.person) is None:
        check.errors.append(str(NO_RETIREMENT))
    return check


def check_special_jobs(data: dict, context: ClaimContext) -> StepCheck:
    check = _check_rows(SPECIAL_JOBS, data, context)
    rows = data.get(SPECIAL_JOBS.key, [])
    if claim_retirement_type(data) is RetirementType.SPECIAL_JOB:
        jobs = []
        for row in rows:
            values = SPECIAL_JOBS.cleaned(row)
            if values:
                jobs.append(
                    (SpecialJobCategory(values["category"]), Period(values["start"], values["end"]))
                )
        for problem in rules.special_job_problems(jobs):
            if problem == "no_special_job":
                check.errors.append(str(SPECIAL_JOB_REQUIRED))
            else:
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


def check_positions(data: dict, context: ClaimContext) -> StepCheck:
    return _check_rows(POSITIONS, data, context)


def check_bank(data: dict, context: ClaimContext) -> StepCheck:
    return StepCheck(form=BankForm(data.get("bank", {}), person=context.person))


STEP_CHECKS = {
    "basic": check_basic,
    "special_jobs": check_special_jobs,
    "positions": check_positions,
    "bank": check_bank,
}


def claim_problems(data: dict, context: ClaimContext) -> dict[str, list[str]]:
    """{step: [sentences]} for every step that is not ready for 提交 (R-7 validation)."""
    found = {}
    if "history" not in data.get("done", []):
        found["history"] = [str(_("Look through the contribution history and press Next."))]
    for step, check in STEP_CHECKS.items():
        messages = check(data, context).messages()
        if messages:
            found[step] = messages
    return found


# --- Reading a claim (wizard pages, case page, review) ------------------------------------


def retirement_rule(data: dict, context: ClaimContext) -> dict:
    """The statutory month with the rule behind it, and the months each type allows."""
    person = context.person
    group = claim_group(data, person)
    birth = context.birth
    age = rules.statutory_retirement_age_months(birth, group)
    statutory = rules.statutory_retirement_month(birth, group)
    retirement = claim_retirement(data, person)
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


def labelled_rows(kind: RowKind, rows: list[dict]) -> list[dict]:
    """Rows with their month counts and choice labels, for reading."""
    labelled = []
    choices = {
        name: dict(form_field.choices)
        for name, form_field in kind.form_class.base_fields.items()
        if isinstance(form_field, forms.ChoiceField)
    }
    for row in rows:
        shown = dict(row)
        for name, labels in choices.items():
            shown[f"{name}_label"] = labels.get(row.get(name), row.get(name, ""))
        values = kind.cleaned(row)
        shown["months"] = (
            Period(values["start"], values["end"]).months
            if values and values.get("end") and values["start"] <= values["end"]
            else ""
        )
        labelled.append(shown)
    return labelled


def claim_summary(data: dict, context: ClaimContext) -> dict:
    """Everything a reader of the claim needs, with the computed totals and rule checks."""
    basic = data.get("basic", {})
    adjustments = data.get(ADJUSTMENTS.key, [])
    adjusted = rules.cumulative_months(
        paid=context.paid_months,
        deemed=context.deemed_months,
        additions=_periods(adjustments, ADJUSTMENTS, "add"),
        deductions=_periods(adjustments, ADJUSTMENTS, "deduct"),
    )
    rule = retirement_rule(data, context)
    retirement = rule["retirement"]
    return {
        "basic": basic,
        "type_label": Retirement.Type(claim_retirement_type(data).value).label,
        "category_label": dict(Person.StaffCategory.choices).get(basic.get("staff_category"), ""),
        "rule": rule,
        "salary_2014_total": salary_total(basic, "2014"),
        "salary_now_total": salary_total(basic, "now"),
        "adjustments": labelled_rows(ADJUSTMENTS, adjustments),
        "special_jobs": labelled_rows(SPECIAL_JOBS, data.get(SPECIAL_JOBS.key, [])),
        "positions": labelled_rows(POSITIONS, data.get(POSITIONS.key, [])),
        "bank": data.get("bank", {}),
        "paid_months": context.paid_months,
        "deemed_months": context.deemed_months,
        "adjusted_months": adjusted,
        "months_at_retirement": rules.months_at_retirement(
            paid=adjusted, deemed=0, this_month=context.this_month, retirement=retirement
        )
        if retirement
        else None,
        "problems": [
            (STEP_LABELS[step], messages)
            for step, messages in claim_problems(data, context).items()
        ],
    }
