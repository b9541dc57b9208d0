"""Tabs, dashboard and portal panels of the partner program, one function per area."""


def register() -> None:
    from .panels_claims import register as register_claims
    from .panels_enablement import register as register_enablement
    from .panels_program import register as register_program

    register_program()
    register_enablement()
    register_claims()
