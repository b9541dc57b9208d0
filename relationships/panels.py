"""The tabs and panels this app adds to pages the core owns (filled as pages are built)."""


def register() -> None:
    pass
