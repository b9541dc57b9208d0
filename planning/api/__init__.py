"""REST resources of channel planning, one module per area."""


def register(router) -> None:
    """Mounted by prm.urls under /api/v1/."""
    # --- escalations ---
    from .escalations import register as register_escalations

    register_escalations(router)
    # --- reach ---
    from .reach import register as register_reach

    register_reach(router)
    # --- maturity ---
    from .maturity import register as register_maturity

    register_maturity(router)
    # --- review ---
    from .review import register as register_review

    register_review(router)
