"""`class="{{ share|width_class }}"` → "w-42": the width of a bar as one of the classes .w-0 …
.w-100 in static/css/app.css. The Content Security Policy allows no style="width: 42%"."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def width_class(percent) -> str:
    """A percentage (number or numeric string) rounded and kept within 0…100; anything else 0."""
    try:
        value = Decimal(str(percent))
    except (InvalidOperation, ValueError, TypeError):
        return "w-0"
    if not value.is_finite():
        return "w-0"
    return f"w-{min(100, max(0, int(value.to_integral_value())))}"
