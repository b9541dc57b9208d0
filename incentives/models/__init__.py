"""The partner program. One module per area; import every model here."""

from .claims import *  # noqa: F401,F403
from .enablement import *  # noqa: F401,F403
from .funds import *  # noqa: F401,F403
from .program import *  # noqa: F401,F403
