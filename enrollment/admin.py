from django.contrib import admin

from enrollment.models import ProvincialAverageWage


@admin.register(ProvincialAverageWage)
class ProvincialAverageWageAdmin(admin.ModelAdmin):
    list_display = ["year", "monthly_amount"]
