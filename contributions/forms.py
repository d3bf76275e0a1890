from django.utils.translation import gettext_lazy as _

from portal.forms import PortalForm
from portal.yearmonth import YearMonth, YearMonthFormField, YearMonthSelectWidget

MONTH_ORDER = _("The end month must not be before the start month.")


class MonthRangeForm(PortalForm):
    """起止年月 of 缴费核定 and 缴费明细: the last twelve months unless asked otherwise."""

    first = YearMonthFormField(
        label=_("From month"), required=False, widget=YearMonthSelectWidget(first_year=2014)
    )
    last = YearMonthFormField(
        label=_("to"), required=False, widget=YearMonthSelectWidget(first_year=2014)
    )
    range_fields = ("first", "last")

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last and last < first:
            self.add_error("last", MONTH_ORDER)
        return data

    def months(self) -> tuple[YearMonth, YearMonth] | None:
        """(first, last) asked for, the last twelve months by default; None while in error."""
        if not self.is_valid():
            return None
        last = self.cleaned_data.get("last") or YearMonth.current()
        first = self.cleaned_data.get("first") or last - 11
        return first, last

    def filters(self) -> dict:
        months = self.months()
        return dict(zip(self.range_fields, months, strict=True)) if months else {}
