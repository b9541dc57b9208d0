"""Demo data of the partner registry, one module per area: `registry` (reference data, the
partners, the portal logins) and `people` (each partner's org chart)."""

from . import people, registry


def seed(state) -> None:
    registry.seed(state)
    people.seed(state)
