"""Deal registrations. Filled by the deals area."""
