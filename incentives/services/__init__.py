"""Writes of the partner program, one module per area (`program`, `enablement`, `claims`).

Callers import the area module: `from incentives.services import claims as services`.
"""
