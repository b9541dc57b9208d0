"""REST resources of channel planning, one module per area."""


def register(router) -> None:
    """Mounted by prm.urls under /api/v1/."""
    # --- review ---
    from .review import register as register_review

    register_review(router)
