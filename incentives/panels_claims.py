def register() -> None:
    """Panels of the claims area."""
