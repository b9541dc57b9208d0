def register(router) -> None:
    """Deal registration resources (filled by the deals area)."""
