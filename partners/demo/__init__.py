"""Demo data of the partner registry, one module per area: `registry` (reference data, the
partners, the portal logins), `people` (each partner's org chart) and `updates` (people
corrections and announcements)."""

from . import people, registry, updates


def seed(state) -> None:
    registry.seed(state)
    people.seed(state)
    updates.seed(state)
