"""Admin of channel planning, one module per area."""

# --- maturity ---
from . import maturity  # noqa: E402, F401
