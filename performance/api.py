"""REST resources of performance (one section per area)."""


def register(router) -> None:
    from .api_audits import register as register_audits
    from .api_deals import register as register_deals
    from .api_plans import register as register_plans
    from .api_targets import register as register_targets

    register_deals(router)
    register_audits(router)
    register_targets(router)
    register_plans(router)
