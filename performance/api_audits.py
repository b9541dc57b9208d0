def register(router) -> None:
    """Performance audit resources (filled by the audits area)."""
