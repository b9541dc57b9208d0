"""Demo data of channel planning, one module per area."""
