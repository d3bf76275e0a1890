"""The form renderer writes <input> widgets in Python exactly as Django's templates do."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from portal.renderers import INPUT_TEMPLATES, PortalFormRenderer

WIDGETS = [
    forms.TextInput(attrs={"maxlength": 50, "placeholder": '姓名 <必填> & "引号"'}),
    forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(format="%Y-%m-%d"),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.CheckboxInput(),
    forms.FileInput(attrs={"accept": ".pdf,.jpg"}),
    forms.SearchInput(),
    forms.TelInput(),
    forms.ColorInput(),
]
VALUES = [None, "", "王芳", 'a"b<c>&d', 42, mark_safe("<b>safe</b>"), True]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: type(widget).__name__)
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_inputs_are_written_as_djangos_templates_write_them(widget, value):
    attrs = {"id": "id_name", "required": True, "disabled": False, "aria-invalid": "true"}
    ours = widget.render("name", value, attrs=attrs, renderer=PortalFormRenderer())
    djangos = widget.render("name", value, attrs=attrs, renderer=TemplatesSetting())
    assert ours == djangos


def test_every_widget_template_that_is_only_an_input_is_written_here():
    from pathlib import Path

    folder = Path(forms.__file__).parent / "templates" / "django" / "forms" / "widgets"
    inputs = {
        f"django/forms/widgets/{path.name}"
        for path in folder.glob("*.html")
        if path.read_text().strip() == '{% include "django/forms/widgets/input.html" %}'
    }
    assert inputs == INPUT_TEMPLATES


def test_other_widgets_still_go_through_their_templates():
    html = forms.Select(choices=[("1", "一")]).render("n", "1", renderer=PortalFormRenderer())
    assert html == '<select name="n">\n  <option value="1" selected>一</option>\n\n</select>'
