"""Admin of channel planning, one module per area; importing them registers their admins."""

# --- escalations ---
from . import escalations  # noqa: E402, F401
