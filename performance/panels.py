"""Tabs, dashboard and portal panels of performance, one function per area."""


def register() -> None:
    from .panels_audits import register as register_audits
    from .panels_deals import register as register_deals

    register_deals()
    register_audits()
