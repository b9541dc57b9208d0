"""REST resources of performance, one module per area; `register(router)` mounts them all."""

# Resources that are created and read but never updated or deleted through the API: the other
# methods answer 405 before any lookup, and the schema lists no such operations.
CREATE_AND_READ = ["get", "post", "head", "options"]


def register(router) -> None:
    from .alerts import register as register_alerts
    from .audits import register as register_audits
    from .deals import register as register_deals
    from .perception import register as register_perception
    from .plans import register as register_plans
    from .scoring import register as register_scoring
    from .targets import register as register_targets

    register_deals(router)
    register_audits(router)
    register_targets(router)
    register_plans(router)
    register_scoring(router)
    register_alerts(router)
    register_perception(router)
