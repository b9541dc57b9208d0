"""REST resources of the partner program, one module per area."""

from . import claims, enablement, funds, program


def register(router) -> None:
    program.register(router)
    enablement.register(router)
    claims.register(router)
    funds.register(router)
