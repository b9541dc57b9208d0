"""REST resources of the partner program, one module per area."""

from . import claims, enablement, program


def register(router) -> None:
    program.register(router)
    enablement.register(router)
    claims.register(router)
