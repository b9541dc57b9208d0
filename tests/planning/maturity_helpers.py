"""Building assessments for the maturity tests: every active process rated."""

import datetime

from planning.models import ChannelProcess
from planning.services.maturity import assessment_create


def ratings(levels: dict | None = None, default: int = 3, **extra) -> list[dict]:
    """A rating of every active process: `levels` by process key, `default` for the rest;
    `extra` by process key: more fields of that rating (an action, say)."""
    levels = levels or {}
    return [
        {"process": process, "level": levels.get(process.key, default),
         "evidence": f"Evidence for {process.name}", **extra.get(process.key.replace("-", "_"), {})}
        for process in ChannelProcess.objects.filter(active=True)
    ]  # fmt: skip


def assess(actor, *, days_ago=0, levels=None, default=3, **extra):
    return assessment_create(
        actor=actor, assessed_on=datetime.date.today() - datetime.timedelta(days=days_ago),
        ratings=ratings(levels, default, **extra),
    )  # fmt: skip
