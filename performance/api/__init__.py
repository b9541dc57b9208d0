"""REST resources of performance (one section per area)."""


def register(router) -> None:
    from .audits import register as register_audits
    from .deals import register as register_deals
    from .plans import register as register_plans
    from .targets import register as register_targets

    register_deals(router)
    register_audits(router)
    register_targets(router)
    register_plans(router)
