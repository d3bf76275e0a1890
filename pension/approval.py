"""What the county service hall confirms when it approves a claim (审核通过)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pension.forms import claim_retirement
from portal.yearmonth import YearMonthFormField, YearMonthSelectWidget


class PensionApprovalForm(forms.Form):
    retirement_month = YearMonthFormField(
        label=_("Confirmed retirement month"),
        widget=YearMonthSelectWidget(first_year=2020, last_year=2080),
    )
    monthly_pension = forms.DecimalField(
        label=_("Approved monthly pension (yuan)"),
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        if application is not None and application.person_id:
            self.fields["retirement_month"].initial = claim_retirement(
                application.data, application.person
            )
