"""REST resources of relationship management: vendor staff only (filled per resource)."""


def register(router) -> None:
    pass
