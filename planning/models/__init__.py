"""Channel planning: the reach we need, how mature our own channel operations are, the support
effort partners cost us, and the decisions on under-performers through to exit. The top layer:
it reads every other app (through their selectors) and no app reads it."""

from .escalations import Escalation, EscalationOutcome, EscalationSeverity  # noqa: F401
