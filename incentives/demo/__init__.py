"""Demo data of the partner program: each area seeds its own part (program first, since
certifications and claims refer to partners' tiers only through partners)."""

from . import claims, enablement, funds, notifications, program


def seed(state) -> None:
    # Notifications last: what the demo users were told about the rows above (in the app).
    for area in (program, enablement, claims, funds, notifications):
        area.seed(state)
