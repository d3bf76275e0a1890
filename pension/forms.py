"""The forms of the claim's steps (R-7.3 … R-7.6) and of its table rows. What a whole step
must satisfy is in `pension.checks`; the claim's data in `pension.claim`."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pension import rules
from pension.claim import retirement_group
from pension.rules import RetirementType, SpecialJobCategory
from portal.forms import DateField, PortalForm
from portal.text import TextField
from portal.yearmonth import YearMonth, YearMonthFormField, YearMonthSelectWidget
from roster.models import Person, Retirement

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


class BasicForm(PortalForm):
    """基础信息, the two salary archives and 工作年限 (R-7.3)."""

    work_start = DateField(
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
    salary_2014_title = TextField(label=_("Post or position"), max_length=50)
    salary_2014_post = _money(_("Post salary (yuan)"))
    salary_2014_grade = _money(_("Grade salary (yuan)"))
    salary_now_title = TextField(label=_("Post or position"), max_length=50)
    salary_now_post = _money(_("Post salary (yuan)"))
    salary_now_grade = _money(_("Grade salary (yuan)"))
    service_years = forms.IntegerField(label=_("Working years: years"), min_value=0, max_value=70)
    service_months = forms.IntegerField(label=_("Working years: months"))

    SECTIONS = {
        "basic": ("work_start", "staff_category", "retirement_type", "retirement_month"),
        "salary_2014": ("salary_2014_title", "salary_2014_post", "salary_2014_grade"),
        "salary_now": ("salary_now_title", "salary_now_post", "salary_now_grade"),
    }

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.retirement: YearMonth | None = None

    SECTION_TITLES = {
        "salary_2014": _("Salary archive as of September 2014"),
        "salary_now": _("Salary archive at retirement"),
    }

    def summary_label(self, name: str) -> str:
        """A field's label in the error summary: the salary archives share their labels."""
        for section, title in self.SECTION_TITLES.items():
            if name in self.SECTIONS[section]:
                return f"{title} · {self.fields[name].label}"
        return str(self.fields[name].label)

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
        person = self.person
        if not data.get("retirement_type") or "staff_category" not in data:
            return data
        kind = RetirementType(data["retirement_type"])
        group = retirement_group(sex=person.sex, staff_category=data["staff_category"])
        first, last = rules.retirement_month_bounds(
            kind, birth=YearMonth.from_date(person.birth_date), group=group, sex=person.sex
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


class AdjustmentRowForm(PortalForm):
    """视同缴费信息核增核减: one row."""

    kind = forms.ChoiceField(label=_("Type"), choices=BLANK + ADJUSTMENT_KINDS)
    start = _month_text(_("Start month"))
    end = _month_text(_("End month"))
    reason = TextField(label=_("Reason"), max_length=100)


class SpecialJobRowForm(PortalForm):
    """特殊工种 (R-7.4): one period."""

    name = TextField(label=_("Job"), max_length=50)
    category = forms.ChoiceField(label=_("Category"), choices=BLANK + SPECIAL_JOB_CATEGORIES)
    start = _month_text(_("Start month"))
    end = _month_text(_("End month"))
    employer = TextField(label=_("Unit"), max_length=100)
    approval = TextField(label=_("Approval document no."), max_length=50, required=False)


class PositionRowForm(PortalForm):
    """人员职务升降信息 (R-7.5): one post held."""

    start = _month_text(_("Held from"))
    end = YearMonthFormField(
        label=_("Held until"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": MONTH_FORMAT_HINT, "maxlength": 7, "size": 8}),
    )
    title = TextField(label=_("Post or rank"), max_length=50)
    direction = forms.ChoiceField(label=_("Promotion or demotion"), choices=BLANK + DIRECTIONS)
    document = TextField(label=_("Document no."), max_length=50, required=False)


def _digits(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value or "").split())


class BankForm(PortalForm):
    """银行账号 (R-7.6)."""

    bank = forms.ChoiceField(label=_("Bank"), choices=BLANK + BANKS)
    holder = TextField(label=_("Account holder"), max_length=50)
    number = TextField(label=_("Account number"), max_length=30)
    number_repeat = TextField(label=_("Account number again"), max_length=30)
    luhn_checked = forms.BooleanField(
        label=_("I have checked the account number against the card"), required=False
    )

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.luhn_warning = False
        for name in ("number", "number_repeat"):
            self.fields[name].widget.attrs.update({"autocomplete": "off", "inputmode": "numeric"})

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
