def register() -> None:
    """Performance audit panels (filled by the audits area)."""
