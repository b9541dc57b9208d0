def register() -> None:
    """Deal registration panels (filled by the deals area)."""
