"""Demo data of performance, one module per area. `seed` is the seeder `performance.panels`
registers with `prm.demo` (it runs after relationships and incentives)."""

from . import audits, deals, notifications, plans, scoring, targets


def seed(state) -> None:
    # In the order they always ran: a given seed makes the same rows, with the same ids.
    deals.seed(state)
    audits.seed(state)
    targets.seed(state)
    plans.seed(state)
    # Last: the scores read everything above.
    scoring.seed(state)
    # What the demo users were told about the rows above (in the app only).
    notifications.seed(state)
