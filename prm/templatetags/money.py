"""`{{ deal.value|money:deal.currency }}` → "12,500 USD"; `money_exact` keeps the cents.

Loaded for every template (settings: TEMPLATES builtins)."""

from django import template

from prm.lib.money import format_money

register = template.Library()


@register.filter
def money(amount, currency=""):
    return format_money(amount, currency or "")


@register.filter
def money_exact(amount, currency=""):
    return format_money(amount, currency or "", decimals=2)
