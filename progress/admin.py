"""The cases in Django admin: read-only, in the words the agents saw — business names, status
labels, and a case's data as a table of the business's own field labels rather than JSON."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from progress import registry
from progress.models import (
    Application,
    ApplicationEvent,
    Attachment,
    CalendarDay,
    MaterialType,
    Notice,
    Rating,
    ServiceGuide,
)

EMPTY = "—"
READ_ONLY_INLINE = "admin/edit_inline/tabular_read_only.html"
# Keys of a case's data that no step's form declares, by business: a business's own admin
# module adds those of its first page (e.g. 在职人员增加's type and ID), as form fields.
EXTRA_DATA_FIELDS: dict[str, dict[str, forms.Field]] = {}
CONTENT_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}


def _humanised(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _shown(value, field: forms.Field | None = None) -> str:
    """A typed value as the agent chose it: a choice's label, 是/否, a half-chosen month's
    year and month, — for nothing."""
    if value in ("", None, [], ["", ""]):
        return EMPTY
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple) and all(not isinstance(part, dict) for part in value):
        return "-".join(str(part) for part in value if part != "")
    choices = getattr(field, "choices", None)
    if choices is not None:
        return str(dict(choices).get(value, value))
    return str(value)


def _label(key: str, fields: dict[str, forms.Field]) -> str:
    field = fields.get(key)
    return field.label if field is not None and field.label else _humanised(key)


def _rows_of(mapping: dict, fields: dict[str, forms.Field]) -> list[dict]:
    rows = []
    for key, value in mapping.items():
        field, label = fields.get(key), _label(key, fields)
        if isinstance(value, dict):
            rows.append({"label": label, "rows": _rows_of(value, fields)})
        elif isinstance(value, list) and value and all(isinstance(row, dict) for row in value):
            keys = list(dict.fromkeys(key for row in value for key in row))
            rows.append(
                {
                    "label": label,
                    "table": {
                        "headers": [_label(key, fields) for key in keys],
                        "rows": [
                            [_shown(row.get(key), fields.get(key)) for key in keys] for row in value
                        ],
                    },
                }
            )
        else:
            rows.append({"label": label, "value": _shown(value, field)})
    return rows


def case_data_rows(application: Application) -> list[dict]:
    """A case's data as rows of {label, value} — or {label, rows} for a step's form kept under
    its own key, {label, table} for a row table — labelled by the business's steps."""
    data = dict(application.data or {})
    business = registry.get(application.business_code)
    if business is None:
        return _rows_of(data, {})
    steps = {step.key: step.label for step in business.steps}
    fields: dict[str, forms.Field] = dict(EXTRA_DATA_FIELDS.get(business.code, {}))
    tables, sections = {}, {}
    for step in business.steps:
        if step.form_class is not None:
            fields.update(step.form_class.base_fields)
            if step.data_key:
                sections[step.data_key] = step.label
        if step.table is not None:
            tables[step.table.key] = step.table
            fields.update(step.table.form_class.base_fields)
    rows = []
    done, last = data.pop("done", None), data.pop("last_step", None)
    if done is not None:
        shown = "、".join(str(steps.get(key, key)) for key in done) or EMPTY
        rows.append({"label": _("Steps completed"), "value": shown})
    if last is not None:
        rows.append({"label": _("Step last saved"), "value": str(steps.get(last, last))})
    for key, value in data.items():
        table = tables.get(key) or tables.get(key.rsplit("_", 1)[0])
        if key in tables and isinstance(value, list):
            rows.append({"label": table.caption or _humanised(key), "table": _table(table, value)})
        elif table is not None and key.endswith("_entry") and isinstance(value, dict):
            label = _("%(table)s: row typed but not added") % {"table": table.caption}
            rows.append({"label": label, "rows": _rows_of(value, fields)})
        elif table is not None and key.endswith("_editing"):
            label = _("%(table)s: row being modified") % {"table": table.caption}
            rows.append({"label": label, "value": _shown(value)})
        elif key in sections and isinstance(value, dict):
            rows.append({"label": sections[key], "rows": _rows_of(value, fields)})
        else:
            rows.extend(_rows_of({key: value}, fields))
    return rows


def _table(table, rows: list) -> dict:
    return {
        "headers": [str(header) for header in table.headers()],
        "rows": [table.cells(row) for row in rows if isinstance(row, dict)],
        "empty": table.empty_text,
    }


class BusinessFilter(admin.SimpleListFilter):
    """The businesses by name (the codes stay in the query string)."""

    title = _("business")
    parameter_name = "business_code"

    def lookups(self, request, model_admin):
        return registry.choices()

    def queryset(self, request, queryset):
        return queryset.filter(business_code=self.value()) if self.value() else queryset


@admin.register(MaterialType)
class MaterialTypeAdmin(admin.ModelAdmin):
    list_display = ["business_code", "order", "name", "code", "required"]
    list_filter = ["business_code", "required"]
    list_editable = ["order", "required"]
    search_fields = ["name", "code"]


def _status_label(code: str) -> str:
    return str(dict(Application.Status.choices).get(code, code or EMPTY))


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    template = READ_ONLY_INLINE
    fields = ["at", "actor", "action", "status_before", "status_after", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Status before"))
    def status_before(self, event) -> str:
        return _status_label(event.from_status)

    @admin.display(description=_("Status after"))
    def status_after(self, event) -> str:
        return _status_label(event.to_status)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    template = READ_ONLY_INLINE
    fields = [
        "material_type",
        "original_name",
        "file_size",
        "file_type",
        "fingerprint",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("size"))
    def file_size(self, attachment) -> str:
        return filesizeformat(attachment.size)

    @admin.display(description=pgettext_lazy("attachment", "content type"))
    def file_type(self, attachment) -> str:
        return CONTENT_TYPES.get(attachment.content_type, attachment.content_type)

    @admin.display(description=_("SHA-256"))
    def fingerprint(self, attachment) -> str:
        """The first 16 hex digits: enough to tell two files apart on screen."""
        return attachment.sha256[:16] + "…"


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Cases change only through their services (the timeline must stay whole): read-only."""

    list_display = [
        "id",
        "reference",
        "business",
        "unit",
        "person",
        "status",
        "submitted_at",
        "finished_at",
    ]
    list_filter = [BusinessFilter, "status"]
    search_fields = [
        "unit__code",
        "unit__name",
        "person__name",
        "person__personal_code",
        "subject_id_number",
        "reference",
    ]
    list_select_related = ["unit", "person"]
    raw_id_fields = ["unit", "person"]
    fields = [
        "unit",
        "business",
        "person",
        "subject_name",
        "subject_id_number",
        "reference",
        "status",
        "case_data",
        "created_by",
        "created_at",
        "submitted_at",
        "finished_at",
    ]
    readonly_fields = fields
    inlines = [EventInline, AttachmentInline]

    def has_add_permission(self, request):
        return False

    # A page to read (查看), without 保存 or 删除: a deleted case would take its history along.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("business"), ordering="business_code")
    def business(self, application) -> str:
        return registry.label(application.business_code)

    @admin.display(description=_("business data"))
    def case_data(self, application) -> str:
        return render_to_string(
            "admin/progress/application/case_data.html", {"rows": case_data_rows(application)}
        )


@admin.register(ServiceGuide)
class ServiceGuideAdmin(admin.ModelAdmin):
    list_display = ("business_code", "time_limit_days", "phone")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("day", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "day"


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """站内消息 and their pushes to the app: a push that failed for good stays here to follow up."""

    list_display = (
        "created_at",
        "unit",
        "application",
        "kind",
        "read_at",
        "push",
        "push_attempts",
        "push_error",
    )
    list_filter = ("push", "kind")
    list_select_related = ("unit", "application")
    readonly_fields = [field.name for field in Notice._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    """好差评 as the units gave them and the counties followed them up (in the back office)."""

    list_display = ("rated_at", "application", "level", "follow_up", "followed_up_at")
    list_filter = ("level", "follow_up")
    list_select_related = ("application",)
    readonly_fields = [field.name for field in Rating._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
