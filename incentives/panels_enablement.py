def register() -> None:
    """Panels of the enablement area."""
