from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import PortalForm
from portal.text import TextField
from portal.yearmonth import YearMonthFormField, YearMonthSelectWidget

REASON_CHOICES = [
    ("transfer", _("Transferred out")),  # 调出
    ("resignation", _("Resigned")),  # 辞职
    ("dismissal", _("Dismissed or contract ended")),  # 辞退/解聘
    ("death", _("Deceased")),  # 死亡
    ("emigration", _("Settled abroad")),  # 出国(境)定居
    ("other", _("Other")),  # 其他
]
OTHER_REASON_REQUIRED = _("Describe the reason.")
STOP_MONTH_RANGE = _("The stop month must lie between %(earliest)s and %(latest)s.")


class ReductionForm(PortalForm):
    """减员原因, 停保年月, 备注 (R-8.3)."""

    reason = forms.ChoiceField(label=_("Reason for leaving"), choices=[("", "—"), *REASON_CHOICES])
    reason_other = TextField(label=_("Other reason"), max_length=100, required=False)
    stop_month = YearMonthFormField(
        label=_("Insurance stops from"), widget=YearMonthSelectWidget(first_year=2014)
    )
    note = TextField(
        label=_("Note"), max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, window=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.window = window
        if window is not None:
            self.fields["stop_month"].help_text = STOP_MONTH_RANGE % {
                "earliest": window.earliest,
                "latest": window.latest,
            }

    def clean(self):
        data = super().clean()
        if data.get("reason") == "other" and not data.get("reason_other", "").strip():
            self.add_error("reason_other", OTHER_REASON_REQUIRED)
        month = data.get("stop_month")
        if month and self.window is not None and not self.window.contains(month):
            self.add_error(
                "stop_month",
                STOP_MONTH_RANGE % {"earliest": self.window.earliest, "latest": self.window.latest},
            )
        return data
