"""Portal pages of channel planning, one module per area."""
