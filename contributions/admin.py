from django.contrib import admin

from contributions.models import BasePeriod, ContributionRate, DeclarationYear


@admin.register(ContributionRate)
class ContributionRateAdmin(admin.ModelAdmin):
    """费率 in force from a month on: a change of rate is a new row from its month."""

    list_display = ["scheme", "valid_from", "unit_rate", "personal_rate"]
    list_filter = ["scheme"]


@admin.register(DeclarationYear)
class DeclarationYearAdmin(admin.ModelAdmin):
    list_display = ["year", "opens", "closes"]


@admin.register(BasePeriod)
class BasePeriodAdmin(admin.ModelAdmin):
    """Bases are added by approved declarations and never changed: read-only."""

    list_display = ["relation", "valid_from", "wage", "base", "clamp", "application"]
    list_select_related = ["relation__person", "relation__unit"]
    search_fields = ["relation__person__personal_code", "relation__person__name"]
    readonly_fields = [field.name for field in BasePeriod._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
