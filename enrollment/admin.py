from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from enrollment.addition_forms import AdditionIdForm
from enrollment.business import ADDITION_TYPES, STAFF_ADDITION
from enrollment.models import ProvincialAverageWage
from progress.admin import EXTRA_DATA_FIELDS

# 在职人员增加 keeps its first page's choices (the type decided, the ID) beside its form's fields.
EXTRA_DATA_FIELDS[STAFF_ADDITION] = {
    **AdditionIdForm.base_fields,
    "type": forms.ChoiceField(label=_("Type of addition"), choices=ADDITION_TYPES.items()),
}


@admin.register(ProvincialAverageWage)
class ProvincialAverageWageAdmin(admin.ModelAdmin):
    list_display = ["year", "monthly_amount"]
