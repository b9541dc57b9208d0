"""Admin of the partner program: one module per area, each registering its models."""

from . import claims, enablement, funds, program  # noqa: F401
