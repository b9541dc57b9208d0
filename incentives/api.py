"""REST resources of the partner program (one module per area)."""


def register(router) -> None:
    from .api_claims import register as register_claims
    from .api_enablement import register as register_enablement
    from .api_program import register as register_program

    register_program(router)
    register_enablement(router)
    register_claims(router)
