"""Admin of the partner program: one module per area, each registering its models."""

from . import claims, enablement, program  # noqa: F401
