"""What performance measures. One module per area; import every model here."""

from .audits import *  # noqa: F401,F403
from .deals import *  # noqa: F401,F403
