"""What the county service hall confirms when it approves a claim (审核通过)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pension.checks import retirement_rule
from pension.claim import Claim
from portal.forms import PortalForm
from portal.yearmonth import YearMonthFormField, YearMonthSelectWidget

MONTH_RANGE = _("The retirement month lies between %(first)s and %(last)s.")


class PensionApprovalForm(PortalForm):
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
        self.bounds = None
        if application is not None and application.person_id:
            claim = Claim(application)
            self.fields["retirement_month"].initial = claim.retirement
            rule = retirement_rule(claim)
            self.bounds = (min(b[1] for b in rule["bounds"]), max(b[2] for b in rule["bounds"]))
            self.fields["retirement_month"].help_text = MONTH_RANGE % {
                "first": self.bounds[0],
                "last": self.bounds[1],
            }

    def clean_retirement_month(self):
        """Any retirement type's months are possible (the county may change the type), nothing
        outside them."""
        month = self.cleaned_data["retirement_month"]
        if self.bounds and not self.bounds[0] <= month <= self.bounds[1]:
            raise forms.ValidationError(
                MONTH_RANGE % {"first": self.bounds[0], "last": self.bounds[1]}
            )
        return month
