from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalForm
from portal.text import SearchField, TextField
from portal.yearmonth import YearMonthFormField, YearMonthSelectWidget

MONTH_ORDER = _("The end month must not be before the start month.")


def _month_field(label):
    return YearMonthFormField(
        label=label, required=False, widget=YearMonthSelectWidget(first_year=1960)
    )


class _MonthRangeForm(PortalForm):
    name = TextField(label=_("Name"), max_length=50, required=False)
    personal_code = SearchField(label=_("Personal code"), max_length=12, required=False)
    sort = TextField(required=False, max_length=20, widget=forms.HiddenInput)
    range_fields = ("", "")

    def clean(self):
        data = super().clean()
        first, last = (data.get(field) for field in self.range_fields)
        if first and last and last < first:
            self.add_error(self.range_fields[1], MONTH_ORDER)
        return data

    def filters(self) -> dict:
        """The filters asked for; the page lists nothing while one is in error."""
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class ActiveRosterFilterForm(_MonthRangeForm):
    start_from = _month_field(_("Contributions started from"))
    start_to = _month_field(_("to"))
    range_fields = ("start_from", "start_to")


class RetiredRosterFilterForm(_MonthRangeForm):
    retired_from = _month_field(_("Retired from"))
    retired_to = _month_field(_("to"))
    range_fields = ("retired_from", "retired_to")


class PersonSearchForm(PortalForm):
    name = TextField(label=_("Name"), max_length=50, required=False)
    personal_code = SearchField(label=_("Personal code"), max_length=12, required=False)


class VerifyForm(PortalForm):
    code = TextField(label=_("Verification code"), max_length=19, min_length=16)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper().replace(" ", "").replace("-", "")
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
