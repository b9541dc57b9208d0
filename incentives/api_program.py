def register(router) -> None:
    """API resources of the program area."""
