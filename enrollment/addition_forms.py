"""Forms of 在职人员增加 (R-8.1): the ID step, then the sections the decided type needs."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enrollment import rules
from portal.forms import DateField, PortalForm
from portal.identity import (
    normalise_mobile,
    normalise_resident_id,
    resident_id_birth_date,
    resident_id_sex,
)
from portal.text import TextField
from portal.yearmonth import YearMonth, YearMonthFormField, YearMonthSelectWidget
from roster.ethnicity import ethnicity_choices
from roster.models import Person

OTHER_ID_FORMAT = _("Enter the document number: 5 to 30 letters and digits.")
SEX_MISMATCH = _("The sex does not match the resident ID number.")
BIRTH_MISMATCH = _("The date of birth does not match the resident ID number.")
FROM_RESIDENT_ID = _("Read from the resident ID number.")
WORK_BEFORE_BIRTH = _("The date of starting work must be after the date of birth.")
START_RANGE = _("The insurance must start between %(earliest)s and %(latest)s.")
BASE_RANGE = _(
    "The contribution base must lie between %(low)s and %(high)s yuan "
    "(60%%–300%% of the provincial average wage of %(year)s)."
)

ADDITION_TYPES = {
    rules.NEW_REGISTRATION: _("New registration"),  # 新登记
    rules.NEW_INSURANCE: _("New insurance"),  # 新参保
    rules.CONTINUATION: _("Continuation"),  # 续保
}
HOUSEHOLD_TYPES = [("", "—"), ("urban", _("Urban")), ("rural", _("Rural"))]
EDUCATION = [
    ("", "—"),
    ("doctorate", _("Doctorate")),
    ("master", _("Master's degree")),
    ("bachelor", _("Bachelor's degree")),
    ("college", _("College")),
    ("secondary", _("Secondary school")),
    ("other", _("Other")),
]
EMPLOYMENT = [
    ("", "—"),
    ("administrative", _("Administrative establishment")),
    ("institution", _("Public institution establishment")),
    ("civil_service_managed", _("Managed as civil service")),
    ("other", _("Other")),
]
DATE_INPUT = forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "maxlength": 10})


def identity_mismatches(id_type: str, id_number: str, sex, birth_date) -> dict:
    """What a resident ID says against the sex and birth date typed (YYYY-MM-DD) beside it:
    {field: sentence}; an empty value is not checked, another document says nothing."""
    if id_type != Person.IdType.RESIDENT_ID:
        return {}
    found = {}
    if sex and sex != resident_id_sex(id_number):
        found["sex"] = SEX_MISMATCH
    if birth_date and birth_date != resident_id_birth_date(id_number).isoformat():
        found["birth_date"] = BIRTH_MISMATCH
    return found


class AdditionIdForm(PortalForm):
    id_type = forms.ChoiceField(label=_("ID type"), choices=Person.IdType.choices)
    id_number = TextField(label=_("ID number"), max_length=30)
    name = TextField(
        label=_("Name"),
        max_length=50,
        help_text=_("As on the ID card; a person on record is confirmed by it."),
    )

    def clean(self):
        data = super().clean()
        number = data.get("id_number", "")
        if not number:  # 请输入证件号码 says it already
            return data
        if data.get("id_type") == Person.IdType.RESIDENT_ID:
            try:
                data["id_number"] = normalise_resident_id(number)
            except ValidationError as error:
                self.add_error("id_number", error)
        elif number:
            number = re.sub(r"\s", "", number).upper()
            if not re.fullmatch(r"[A-Z0-9]{5,30}", number):
                self.add_error("id_number", OTHER_ID_FORMAT)
            data["id_number"] = number
        return data


class AdditionForm(PortalForm):
    """人员关键信息 + 人员一般信息 + 参保信息, as far as the addition type needs them."""

    # 人员关键信息
    name = TextField(label=_("Name"), max_length=50)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices)
    birth_date = DateField(label=_("Date of birth"), widget=DATE_INPUT)
    ethnicity = forms.ChoiceField(label=_("Ethnicity"), choices=ethnicity_choices, initial="汉族")
    nationality = TextField(label=_("Nationality"), max_length=30, initial="中国")
    # 人员一般信息
    household_type = forms.ChoiceField(
        label=_("Household registration type"), choices=HOUSEHOLD_TYPES
    )
    household_address = TextField(label=_("Household registration address"), max_length=200)
    education = forms.ChoiceField(label=_("Education"), choices=EDUCATION)
    phone = TextField(label=_("Mobile phone"), max_length=20)
    address = TextField(label=_("Contact address"), max_length=200)
    work_start_date = DateField(label=_("Date started work"), widget=DATE_INPUT)
    staff_category = forms.ChoiceField(
        label=_("Cadre or worker"), choices=[("", "—"), *Person.StaffCategory.choices]
    )
    # 参保信息
    occupational_annuity = forms.BooleanField(
        label=_("Also occupational annuity"), required=False, initial=True
    )
    start_month = YearMonthFormField(
        label=_("Insured from"), widget=YearMonthSelectWidget(first_year=2014)
    )
    base = forms.DecimalField(
        label=_("Contribution base (yuan)"), max_digits=10, decimal_places=2, min_value=0
    )
    employment_type = forms.ChoiceField(label=_("Form of employment"), choices=EMPLOYMENT)

    KEY = rules.PERSON_KEY_FIELDS
    GENERAL = rules.PERSON_GENERAL_FIELDS
    INSURANCE = ("occupational_annuity", "start_month", "base", "employment_type")

    def __init__(
        self,
        *args,
        business_type: str,
        id_type: str,
        id_number: str,
        person=None,
        this_month: YearMonth,
        backdate_months: int,
        average_wage=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.business_type, self.id_type, self.id_number = business_type, id_type, id_number
        self.person, self.this_month, self.backdate_months = person, this_month, backdate_months
        self.average_wage = average_wage  # callable(year) -> Decimal (raises ValidationError)
        keep = list(self.INSURANCE)
        if business_type in (rules.NEW_REGISTRATION, rules.NEW_INSURANCE):
            keep = list(self.KEY) + keep
        if business_type == rules.NEW_REGISTRATION:
            keep = list(self.KEY) + list(self.GENERAL) + list(self.INSURANCE)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "ethnicity" in self.fields and person is not None:
            self.fields["ethnicity"].choices = ethnicity_choices(person.ethnicity)
        if id_type == Person.IdType.RESIDENT_ID and "sex" in self.fields:
            # A resident ID says both: shown as read from it, never typed again.
            derived = {
                "sex": resident_id_sex(id_number),
                "birth_date": resident_id_birth_date(id_number).isoformat(),
            }
            for name, value in derived.items():
                self.fields[name].disabled = True
                self.fields[name].help_text = FROM_RESIDENT_ID
                self.initial[name] = value

    SECTIONS = (
        (_("Key personal information"), KEY),
        (_("General personal information"), GENERAL),
        (_("Insurance information"), INSURANCE),
    )

    def titled(self):
        """(title, field names) of the sections the decided type has."""
        return [
            (title, [name for name in names if name in self.fields])
            for title, names in self.SECTIONS
            if any(name in self.fields for name in names)
        ]

    def sections(self):
        """(title, bound fields) of the sections on the page."""
        return [(title, [self[name] for name in names]) for title, names in self.titled()]

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if "sex" in self.fields:
            birth = data.get("birth_date")
            typed = (data.get("sex"), birth.isoformat() if birth else "")
            for name, message in identity_mismatches(self.id_type, self.id_number, *typed).items():
                self.add_error(name, message)
        work_start = data.get("work_start_date") or (
            self.person.work_start_date if self.person else None
        )
        birth = data.get("birth_date") or (self.person.birth_date if self.person else None)
        if "work_start_date" in self.fields and work_start and birth and work_start <= birth:
            self.add_error("work_start_date", WORK_BEFORE_BIRTH)
        start = data.get("start_month")
        if start:
            window = rules.start_month_window(
                work_start=YearMonth.from_date(work_start) if work_start else None,
                this_month=self.this_month,
                backdate_months=self.backdate_months,
            )
            if not window.contains(start):
                self.add_error(
                    "start_month",
                    START_RANGE % {"earliest": window.earliest, "latest": window.latest},
                )
            elif data.get("base") is not None and self.average_wage is not None:
                try:
                    low, high = rules.base_range(self.average_wage(start.year - 1))
                except ValidationError as error:
                    self.add_error("base", error)
                else:
                    if not low <= data["base"] <= high:
                        self.add_error(
                            "base", BASE_RANGE % {"low": low, "high": high, "year": start.year - 1}
                        )
        return data
