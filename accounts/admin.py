from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.admin_login import ThrottledAdminLoginForm
from accounts.models import Agent, User

# The admin's login is throttled and audited like the agents' (admin.autodiscover imports this).
admin.site.login_form = ThrottledAdminLoginForm


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "unit", "county", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "county"]
    list_select_related = ["unit", "county"]
    search_fields = ["username", "unit__name", "unit__code", "first_name", "last_name"]
    autocomplete_fields = ["unit", "county"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Unit or county"), {"fields": ("unit", "county")}),
    )


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    """Read-only here: a change of agent must re-bind the code device, restore the initial
    password and end the unit's sessions (R-2.5), which only the back office does."""

    list_display = ["unit", "name", "id_number", "phone", "email", "updated_at"]
    search_fields = ["unit__code", "unit__name", "name", "id_number"]
    list_select_related = ["unit"]
    readonly_fields = ["unit", "name", "id_number", "email", "phone", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False
