"""What performance measures. One module per area; import every model here."""

from .alerts import *  # noqa: F401,F403
from .audits import *  # noqa: F401,F403
from .deals import *  # noqa: F401,F403
from .plans import *  # noqa: F401,F403
from .scoring import *  # noqa: F401,F403
from .targets import *  # noqa: F401,F403
