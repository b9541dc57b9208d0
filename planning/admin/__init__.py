"""Admin of channel planning, one module per area; importing them registers their model admins."""

# --- reach ---
from . import reach  # noqa: E402, F401
