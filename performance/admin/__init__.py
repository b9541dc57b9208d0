"""Admin of performance, one module per area; importing them registers their model admins."""

from . import alerts, audits, deals, plans, scoring, targets  # noqa: F401
