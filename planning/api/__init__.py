"""REST resources of channel planning, one module per area."""


def register(router) -> None:
    """Mounted by prm.urls under /api/v1/."""
    # --- maturity ---
    from .maturity import register as register_maturity

    register_maturity(router)
