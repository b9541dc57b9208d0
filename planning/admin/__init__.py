"""Admin of channel planning, one module per area; importing them registers their admins."""

from . import escalations, maturity, reach  # noqa: F401

# --- review ---
# isort: split
from . import review  # noqa: E402,F401
