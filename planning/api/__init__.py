"""REST resources of channel planning, one module per area."""


def register(router) -> None:
    """Mounted by prm.urls under /api/v1/."""
    # --- escalations ---
    from .escalations import register as register_escalations

    register_escalations(router)
