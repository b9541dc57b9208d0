"""Demo data of the partner program: each area seeds its own part (program first, since
certifications and claims refer to partners' tiers only through partners)."""

from . import claims, enablement, program


def seed(state) -> None:
    for area in (program, enablement, claims):
        area.seed(state)
