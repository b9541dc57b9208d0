"""REST resources of performance (one section per area)."""


def register(router) -> None:
    from .api_audits import register as register_audits
    from .api_deals import register as register_deals

    register_deals(router)
    register_audits(router)
