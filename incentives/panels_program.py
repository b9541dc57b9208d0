def register() -> None:
    """Panels of the program area."""
