from django.contrib import admin

from progress.models import Application, ApplicationEvent, Attachment, MaterialType


@admin.register(MaterialType)
class MaterialTypeAdmin(admin.ModelAdmin):
    list_display = ["business_code", "order", "name", "code", "required"]
    list_filter = ["business_code", "required"]
    list_editable = ["order", "required"]
    search_fields = ["name", "code"]


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = [
        "material_type",
        "original_name",
        "size",
        "content_type",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    exclude = ["stored_name"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Cases change only through their services (the timeline must stay whole): read-only."""

    list_display = [
        "id",
        "business_code",
        "unit",
        "person",
        "status",
        "submitted_at",
        "finished_at",
    ]
    list_filter = ["business_code", "status"]
    search_fields = [
        "unit__code",
        "unit__name",
        "person__name",
        "person__personal_code",
        "subject_id_number",
    ]
    list_select_related = ["unit", "person"]
    raw_id_fields = ["unit", "person"]
    readonly_fields = [
        "unit",
        "business_code",
        "person",
        "subject_name",
        "subject_id_number",
        "status",
        "version",
        "data",
        "created_by",
        "created_at",
        "submitted_at",
        "finished_at",
    ]
    inlines = [EventInline, AttachmentInline]

    def has_add_permission(self, request):
        return False
