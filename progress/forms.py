from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DateField, PortalForm
from portal.text import SearchField, TextField
from progress import registry
from progress.models import Rating
from progress.uploads import EMPTY_FILE

DATE_ORDER = _("The end date must not be before the start date.")


def business_choices():
    return [("", _("All")), *registry.choices()]


class CaseFilterForm(PortalForm):
    """业务名称, 人员信息, 提交时间 (R-9.1, R-9.2)."""

    business = forms.ChoiceField(label=_("Business"), required=False)
    person = SearchField(
        label=_("Person (name, ID number or personal code)"), max_length=30, required=False
    )
    reference = SearchField(label=_("Reference number"), max_length=24, required=False)
    submitted_from = DateField(
        label=_("Submitted from"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "maxlength": 10}),
    )
    submitted_to = DateField(
        label=_("to"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "maxlength": 10}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].choices = business_choices()

    def clean(self):
        data = super().clean()
        first, last = data.get("submitted_from"), data.get("submitted_to")
        if first and last and last < first:
            self.add_error("submitted_to", DATE_ORDER)
        return data

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


NO_FILE = _("Choose a file to upload.")


class UploadForm(PortalForm):
    material = TextField(label=_("Document type"), max_length=40, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("File"),
        error_messages={
            "required": NO_FILE,
            "missing": NO_FILE,
            "empty": EMPTY_FILE,
        },
    )


class StepFileForm(PortalForm):
    """The file a step takes (`Step.receive`)."""

    file = forms.FileField(
        label=_("File"),
        error_messages={"required": NO_FILE, "missing": NO_FILE, "empty": EMPTY_FILE},
    )


class RejectForm(PortalForm):
    reason = TextField(
        label=_("Reason for returning"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewFilterForm(PortalForm):
    business = forms.ChoiceField(label=_("Business"), required=False)
    unit = SearchField(label=_("Unit code"), max_length=12, required=False)
    reference = SearchField(label=_("Reference number"), max_length=24, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].choices = business_choices()


class RatingForm(PortalForm):
    """好差评: the five national levels, a comment (required for the two lowest)."""

    level = forms.TypedChoiceField(
        label=_("How satisfied are you with this service?"),
        coerce=int,
        choices=Rating.Level.choices,
        widget=forms.RadioSelect,
    )
    comment = TextField(
        label=_("Comment"),
        max_length=500,
        required=False,
        help_text=_("Required for 不满意 and 非常不满意: say what was wrong."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(PortalForm):
    note = TextField(
        label=_("Follow-up: what was done"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
