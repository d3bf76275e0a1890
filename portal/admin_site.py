"""The admin site: Django's, with its changelist date filters bounded, and the few words
Django's admin leaves in English in its Chinese pages (a yes/no icon's text, a permission's
name, strings its zh_Hans catalogue lacks) said in Chinese.

`?date_joined__year=10000` (or a 40-digit year) makes Django's year lookup build a datetime that
cannot exist, and the changelist fails with a 500 when it is evaluated (an OverflowError or
ValueError, raised after the admin's own check of lookup parameters). A date part out of range
is answered with 400 before the view runs."""

from __future__ import annotations

from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

# Django's admin templates say these; its zh_Hans catalogue has no Chinese for them, ours has.
DJANGO_ADMIN_STRINGS = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
]
# Models of other packages that have no Chinese name: (application, model).
OTHER_MODELS = {
    "otp_totp.totpdevice": (gettext_noop("Two-factor login"), gettext_noop("authenticator")),
}
PERMISSION_ACTIONS = {
    "add": gettext_noop("Can add %(model)s"),
    "change": gettext_noop("Can change %(model)s"),
    "delete": gettext_noop("Can delete %(model)s"),
    "view": gettext_noop("Can view %(model)s"),
}

DATE_PART_BOUNDS = {
    # Year 1 begins before the first instant Python can hold in UTC when seen from Beijing.
    "year": (2, 9999),
    "iso_year": (2, 9999),
    "quarter": (1, 4),
    "month": (1, 12),
    "week": (1, 53),
    "day": (1, 31),
    "week_day": (1, 7),
    "iso_week_day": (1, 7),
    "hour": (0, 23),
    "minute": (0, 59),
    "second": (0, 59),
}


def date_part_out_of_range(query) -> bool:
    """Whether a lookup such as `at__year` or `at__month__gte` has a number it cannot mean."""
    for key, values in query.lists():
        parts = key.split("__")
        part = next((p for p in reversed(parts[1:]) if p in DATE_PART_BOUNDS), None)
        if part is None:
            continue
        low, high = DATE_PART_BOUNDS[part]
        for value in values:
            value = value.strip()
            if value.isascii() and value.lstrip("-").isdigit() and not low <= int(value) <= high:
                return True
    return False


def boolean_icon(value: bool | None) -> str:
    """Django's yes/no icon with Chinese text (its own says True or False)."""
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}[value]
    return format_html(
        '<img src="{}" alt="{}" title="{}">', static(f"admin/img/icon-{icon}.svg"), text, text
    )


def permission_label(permission) -> str:
    """A permission as 应用 | 模型 | 可增加 模型, not Django's stored English name."""
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    opts = model._meta
    application, verbose_name = (
        (gettext(word) for word in OTHER_MODELS[opts.label_lower])
        if opts.label_lower in OTHER_MODELS
        else (opts.app_config.verbose_name, opts.verbose_name)
    )
    name = gettext(PERMISSION_ACTIONS[action]) % {"model": verbose_name}
    return f"{application} | {verbose_name} | {name}"


class PortalAdminSite(AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def bounded(request, *args, **kwargs):
            if date_part_out_of_range(request.GET):
                return HttpResponseBadRequest(render_to_string("400.html", request=request))
            return inner(request, *args, **kwargs)

        return bounded


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
