"""The portal's form renderer: Django's templates through the project's template engine
(TemplatesSetting), except for the <input> widgets, whose one line of HTML is written here.

A text input went through three templates (text.html, input.html, attrs.html), ~0.1 ms each
time; a step form has a dozen of them. What is written is exactly what those templates write
(tests/portal/test_renderers.py compares the two for every input type).
"""

from __future__ import annotations

from html import escape

from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
)


def _escaped(value) -> str:
    """What `{{ value|stringformat:'s' }}` writes: safe strings as they are."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def input_html(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
    attributes = "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in widget["attrs"].items()
        if value is not False
    )
    kind, name = _escaped(widget["type"]), _escaped(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes}>'


class PortalFormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return mark_safe(input_html(context["widget"]))  # noqa: S308 (escaped above)
        return super().render(template_name, context, request)
