"""Admin of channel planning, one module per area; importing them registers their admins."""

# --- review ---
from . import review  # noqa: E402,F401
