"""Tabs, dashboard and portal panels of performance, one function per area."""


def register() -> None:
    from .panels_audits import register as register_audits
    from .panels_deals import register as register_deals
    from .panels_plans import register as register_plans
    from .panels_program import register as register_program
    from .panels_targets import register as register_targets

    register_deals()
    register_audits()
    register_plans()
    register_targets()
    register_program()
