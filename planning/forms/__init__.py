"""Forms of channel planning, one module per area."""
