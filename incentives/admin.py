"""Admin of the partner program: one module per area."""
