"""`{{ deal.value|money:deal.currency }}` → "12,500 USD"; `money_exact` keeps the cents. Without a
currency, an amount is in the vendor's own (`PRM_CURRENCY`): `{{ partner.annual_revenue|money }}`.

Loaded for every template (settings: TEMPLATES builtins)."""

from django import template

from prm.lib.money import default_currency, format_money

register = template.Library()


@register.filter
def money(amount, currency=None):
    return format_money(amount, currency or default_currency())


@register.filter
def money_exact(amount, currency=None):
    return format_money(amount, currency or default_currency(), decimals=2)
