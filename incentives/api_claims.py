def register(router) -> None:
    """API resources of the claims area."""
