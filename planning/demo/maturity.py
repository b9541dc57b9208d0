"""Demo operations assessments: three over the last 18 months, most processes improving, lead
management dropping in the latest (the decision queue fell behind), with open actions."""

import datetime

from django.utils import timezone

from prm.notifications import without_email

from ..models import ChannelProcess, OperationsAssessment
from ..services.maturity import assessment_create

# Levels per process key, oldest assessment first, with the evidence of the latest.
LEVELS = {
    "recruitment": (2, 2, 3, "A partner profile and qualification checklist since spring."),
    "onboarding": (1, 2, 3, "Standard onboarding plan used for the last six partners."),
    "enablement": (2, 3, 3, "Certification paths per role; coverage is checked quarterly."),
    "joint-business-planning": (2, 2, 2, "Plans exist for key partners only; most are drafts."),
    "incentives": (3, 3, 4, "ROI per programme measured since the last rebate redesign."),
    "lead-management": (2, 4, 2, "Decision backlog grew after the team change; SLA missed."),
    "performance-review": (1, 2, 3, "Tier cadences set; overdue reviews raise alerts."),
    "relationship-management": (2, 3, 3, "Stakeholder maps for active partners; few champions."),
}
ACTIONS = {
    "lead-management": ("Name a second approver and decide every registration within the SLA.", 30),
    "joint-business-planning": (
        "Agree plans with every active partner before the quarter ends.",
        60,
    ),
    "onboarding": ("Measure time to first deal for each new partner.", 5),
}
MONTHS_AGO = (17, 9, 1)


def present() -> bool:
    return OperationsAssessment.objects.exists()


def seed(state) -> None:
    if present():  # a second run adds nothing
        state.report("operations assessments", 0)
        return
    today = timezone.localdate()
    owners = [state.users[name] for name in ("manager", "manager2") if name in state.users]
    processes = {p.key: p for p in ChannelProcess.objects.filter(active=True)}
    made = 0
    with without_email():
        for index, months in enumerate(MONTHS_AGO):
            assessed_on = today - datetime.timedelta(days=30 * months)
            latest = index == len(MONTHS_AGO) - 1
            ratings = [_rating(process, index, latest, assessed_on, owners)
                       for process in processes.values()]  # fmt: skip
            assessment_create(
                actor=owners[0], assessed_on=assessed_on, ratings=ratings,
                notes="Self-assessment in the channel team's quarterly meeting.",
            )  # fmt: skip
            made += 1
    state.report("operations assessments", made)


def _rating(process, index, latest, assessed_on, owners) -> dict:
    # An admin-added process has no demo history: structured throughout.
    *levels, evidence = LEVELS.get(process.key, (3, 3, 3, "Rated in the team meeting."))
    said = evidence if latest else f"As discussed on {assessed_on:%d %b %Y}."
    rating = {"process": process, "level": levels[index], "evidence": said}
    if latest and process.key in ACTIONS and owners:
        action, days = ACTIONS[process.key]
        rating |= {"action": action, "action_owner": owners[len(rating["evidence"]) % len(owners)],
                   "action_due": assessed_on + datetime.timedelta(days=days)}  # fmt: skip
    return rating
