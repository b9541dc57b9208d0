"""Django's form renderer, with the commonest widgets written in Python.

Django renders every widget through the template engine, and a select includes one template
per option and an attribute template per option: a page with a few forms that list a partner's
people (the partner page's Plans tab renders 25 widgets) spends milliseconds on it. The
markup written here is exactly that of Django's templates for `input.html` (every text, number,
date, email… input), `select.html` (with `select_option.html` options) and `textarea.html`;
any other widget renders through its template as before. Settings: FORM_RENDERER.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
OPTION = WIDGETS + "select_option.html"


def _attrs(attrs) -> str:
    """`attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )  # fmt: skip


def _input(widget) -> str:
    value = widget["value"]
    value = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _select(widget) -> str | None:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION:
                return None  # an option of another kind: Django's templates render it
            parts.append(
                f'\n  <option value="{conditional_escape(option["value"])}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


WRITERS = {
    WIDGETS + "input.html": _input,
    WIDGETS + "select.html": _select,
    WIDGETS + "textarea.html": _textarea,
}
# The input types whose template only includes input.html.
WRITERS |= {
    f"{WIDGETS}{kind}.html": _input
    for kind in ("text", "number", "email", "url", "password", "hidden", "date", "datetime",
                 "time", "color", "search", "tel", "checkbox", "file")
}  # fmt: skip


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        writer = WRITERS.get(template_name)
        html = writer(context["widget"]) if writer is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)
