"""Performance audits (four areas). Filled by the audits area."""
