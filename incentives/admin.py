"""Admin of the partner program: one module per area."""

from .admin_claims import *  # noqa: F401,F403
from .admin_enablement import *  # noqa: F401,F403
from .admin_program import *  # noqa: F401,F403
