from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import counter_services
from accounts.admin_login import ThrottledAdminLoginForm
from accounts.models import Agent, User
from accounts.services import format_wait
from portal.admin_site import boolean_icon, permission_label
from portal.audit import audit_record
from portal.models import AuditEvent

# The admin's login is throttled and audited like the agents' (admin.autodiscover imports this).
admin.site.login_form = ThrottledAdminLoginForm
# A counter clerk's authenticator is seen, and removed when the phone is lost, on the clerk's
# own page (below) rather than on django-otp's English pages of TOTP internals.
admin.site.unregister(TOTPDevice)


class PermissionLabels:
    """Permission pickers that name each permission in Chinese."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


class AuthenticatorInline(admin.TabularInline):
    """The authenticator app (TOTP) a counter clerk bound at the first login. Deleting it lets
    the clerk bind a new phone at the next login."""

    model = TOTPDevice
    extra = 0
    verbose_name = _("authenticator")
    verbose_name_plural = _("authenticators")
    fields = ["device_name", "bound", "created", "last_used"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("device name"))
    def device_name(self, device) -> str:
        return device.name

    @admin.display(description=_("bound"))
    def bound(self, device) -> str:
        return boolean_icon(device.confirmed)

    @admin.display(description=_("bound at"))
    def created(self, device):
        return device.created_at

    @admin.display(description=_("last used at"))
    def last_used(self, device):
        return device.last_used_at


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(PermissionLabels, DjangoGroupAdmin):
    pass


@admin.register(User)
class UserAdmin(PermissionLabels, DjangoUserAdmin):
    list_display = ["username", "unit", "county", "staff", "active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "county"]
    list_select_related = ["unit", "county"]
    search_fields = ["username", "unit__name", "unit__code", "first_name", "last_name"]
    autocomplete_fields = ["unit", "county"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Unit or county"), {"fields": ("unit", "county")}),
        (_("Login lock"), {"fields": ("login_lock",)}),
    )
    readonly_fields = ["login_lock"]
    actions = ["unlock_login"]
    inlines = [AuthenticatorInline]

    @admin.display(description=_("staff status"), ordering="is_staff")
    def staff(self, user) -> str:
        return boolean_icon(user.is_staff)

    @admin.display(description=_("active"), ordering="is_active")
    def active(self, user) -> str:
        return boolean_icon(user.is_active)

    @admin.display(description=_("Login lock"))
    def login_lock(self, user) -> str:
        wait = counter_services.login_locked_seconds(user) if user.pk else 0
        return _("Locked for %(wait)s") % {"wait": format_wait(wait)} if wait else _("Not locked")

    @admin.action(description=_("Unlock the login of the selected users"))
    def unlock_login(self, request, queryset):
        """Counter staff and admins locked out by failed passwords (their own or anyone's) are
        let in again at once; each unlock is audited."""
        users = list(queryset)
        for user in users:
            counter_services.user_login_unlock(user=user)
            audit_record(
                kind=AuditEvent.Kind.ACCOUNT_UNLOCKED,
                request=request,
                user=request.user,
                username=user.username,
                reason="admin",
            )
        message = ngettext(
            "The login of %(count)d user was unlocked.",
            "The logins of %(count)d users were unlocked.",
            len(users),
        )
        self.message_user(request, message % {"count": len(users)}, messages.SUCCESS)


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
