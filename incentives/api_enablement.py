def register(router) -> None:
    """API resources of the enablement area."""
