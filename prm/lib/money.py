"""Money, the same everywhere: one list of currencies, one default, one way to show an amount.

Amounts are `Decimal` (`DecimalField`), never float. Amounts in different currencies are never
added up; pages that total them group by currency.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.formats import number_format


class Currency(models.TextChoices):
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"
    CHF = "CHF", "CHF"
    JPY = "JPY", "JPY"
    AUD = "AUD", "AUD"
    CAD = "CAD", "CAD"


def default_currency() -> str:
    """The vendor's own currency (`PRM_CURRENCY`): new deals and programs start in it."""
    return settings.PRM_CURRENCY


def currency_field(*, with_default: bool = True, **kwargs) -> models.CharField:
    """A model field holding one of `Currency`, by default the vendor's own."""
    options = {"max_length": 3, "choices": Currency.choices}
    if with_default:
        options["default"] = default_currency
    return models.CharField(**{**options, **kwargs})


# How a currency is written after an amount outside English (German: "1.234,50 €"); a currency
# not listed keeps its code ("1.000 CHF").
CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def format_money(amount, currency: str = "", *, decimals: int = 0) -> str:
    """`1234.5, "EUR"` → "1,235 EUR" (or "1,234.50 EUR" with two decimals); "" for no amount.

    In the reader's language: English as above; German "1.235 €", "1.234,50 €" (the locale's
    separators, the currency's sign)."""
    if amount in (None, ""):
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    language = (translation.get_language() or "en").split("-")[0]
    if language == "en":
        text = intcomma(floatformat(amount, decimals))
        return f"{text} {currency}".strip()
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text} {CURRENCY_SIGNS.get(currency, currency)}".strip()
