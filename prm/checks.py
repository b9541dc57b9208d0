"""System checks of the project's own settings (run by `manage.py check`, migrate, runserver)."""

from django.conf import settings
from django.core import checks

from .lib.money import Currency


@checks.register(checks.Tags.compatibility)
def currency_is_known(app_configs=None, **kwargs):
    """A currency the database would refuse makes every new deal and program fail to save."""
    if settings.PRM_CURRENCY in Currency.values:
        return []
    return [
        checks.Error(
            f"PRM_CURRENCY={settings.PRM_CURRENCY!r} is not a currency PRM knows.",
            hint=f"Use one of {', '.join(Currency.values)} (upper case).",
            id="prm.E001",
        )
    ]
