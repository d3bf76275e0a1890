from django.contrib import admin

from portal.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is written by the services, never edited."""

    list_display = ["at", "kind", "username", "unit_code", "ip", "reason"]
    list_filter = ["kind", "county_code"]
    search_fields = ["username", "unit_code", "ip", "reason"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    readonly_fields = [
        "at",
        "kind",
        "user",
        "username",
        "unit_code",
        "county_code",
        "ip",
        "reason",
        "detail",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
