from django.contrib import admin

from roster.models import (
    Certificate,
    Contribution,
    County,
    DeemedPeriod,
    InsuranceRelation,
    Person,
    Retirement,
    Unit,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "city", "name"]
    search_fields = ["code", "name", "city"]
    list_filter = ["city"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit_type", "county", "credit_code", "insured_since", "status"]
    search_fields = ["code", "name", "credit_code"]
    list_filter = ["unit_type", "status", "county"]
    list_select_related = ["county"]
    autocomplete_fields = ["county"]


class InsuranceRelationInline(admin.TabularInline):
    model = InsuranceRelation
    extra = 0
    autocomplete_fields = ["unit"]
    fields = [
        "unit",
        "status",
        "start_month",
        "end_month",
        "contribution_base",
        "occupational_annuity",
    ]


class DeemedPeriodInline(admin.TabularInline):
    model = DeemedPeriod
    extra = 0


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "personal_code",
        "name",
        "sex",
        "id_type",
        "id_number",
        "birth_date",
        "work_start_date",
    ]
    search_fields = ["personal_code", "name", "id_number"]
    list_filter = ["sex", "id_type", "staff_category"]
    inlines = [InsuranceRelationInline, DeemedPeriodInline]


@admin.register(InsuranceRelation)
class InsuranceRelationAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "status", "start_month", "end_month", "contribution_base"]
    search_fields = ["person__name", "person__personal_code", "unit__name", "unit__code"]
    list_filter = ["status", "scheme"]
    list_select_related = ["person", "unit"]
    autocomplete_fields = ["person", "unit"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "month", "base", "unit_amount", "personal_amount", "status"]
    search_fields = ["person__personal_code", "person__name", "unit__code"]
    list_filter = ["status"]
    list_select_related = ["person", "unit"]
    raw_id_fields = ["person", "unit"]
    show_full_result_count = False


@admin.register(DeemedPeriod)
class DeemedPeriodAdmin(admin.ModelAdmin):
    list_display = ["person", "start_month", "end_month", "note"]
    search_fields = ["person__personal_code", "person__name"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(Retirement)
class RetirementAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "retirement_date", "retirement_type", "monthly_pension"]
    search_fields = ["person__personal_code", "person__name", "unit__name", "unit__code"]
    list_filter = ["retirement_type"]
    list_select_related = ["person", "unit"]
    autocomplete_fields = ["person", "unit"]
    date_hierarchy = "retirement_date"


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Issued certificates: a record of what was printed, not edited by hand."""

    list_display = ["code", "kind", "holder_name", "unit", "issued_at", "valid_until", "issued_by"]
    list_filter = ["kind"]
    search_fields = ["code", "holder_name", "unit__code", "unit__name"]
    list_select_related = ["unit", "issued_by"]
    readonly_fields = [field.name for field in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
