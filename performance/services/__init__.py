"""Writes of performance, one module per area (`services.targets`, `services.deals`, ...).

Callers import the area module: `from performance.services import targets as services`.
"""
