"""Demo data of the partner program: each area seeds its own part (program first, since
certifications and claims refer to partners' tiers only through partners)."""

from importlib import import_module
from importlib.util import find_spec

AREAS = ["program", "enablement", "claims"]


def seed(state) -> None:
    for area in AREAS:
        module_name = f"incentives.demo_{area}"
        if find_spec(module_name) is not None:  # an area without demo data yet is skipped
            import_module(module_name).seed(state)
