"""Our judgement over the partner's org chart: stance, influence, relationship level and the
champion's star on each person's box, a link to their analysis (or to assess them), and the
chart's stakeholder figures. A layer in the core's "orgchart" slot (the chart's page describes
the protocol); it joins the analyses into the chart's one query of people, so it adds none.

Internal only, like everything in this app: a partner user is never given the layer.
"""

from prm.lib.access import is_vendor_staff
from prm.lib.urls import url_pattern

from ..models import Stance

CHAMPION_BADGE = {"css": "oc-star", "label": "Champion", "text": "★"}


class StakeholderLayer:
    related = ("stakeholder",)
    fields = (
        "stakeholder__contact_id", "stakeholder__partner_id", "stakeholder__stance",
        "stakeholder__influence", "stakeholder__relationship_level", "stakeholder__is_champion",
    )  # fmt: skip

    def __init__(self):
        # Reversed once per chart, not once per person.
        self.analysis_url = url_pattern("relationships:stakeholder-detail", "pk")
        self.assess_url = url_pattern("relationships:stakeholder-create", "contact_pk")

    def mark(self, contact) -> dict:
        stakeholder = getattr(contact, "stakeholder", None)  # joined: no query
        if stakeholder is None:
            return {
                "css": "unassessed",
                "url": self.assess_url.format(contact.pk),
                "url_title": "Assess this person",
                "stakeholder": None,
            }
        champion = stakeholder.is_champion
        return {
            "css": f"stance-{stakeholder.stance}" + (" is-champion" if champion else ""),
            "url": self.analysis_url.format(stakeholder.pk),
            "url_title": "Open the stakeholder analysis",
            "badge": CHAMPION_BADGE if champion else None,
            "stakeholder": stakeholder,
        }

    def summary(self, current) -> dict:
        """How we stand with the people still at the partner."""
        assessed = [person for person in current if getattr(person, "stakeholder", None)]
        stances = [person.stakeholder.stance for person in assessed]
        return {
            "assessed": len(assessed),
            "not_assessed": len(current) - len(assessed),
            "supporters": stances.count(Stance.SUPPORTER),
            "neutral": stances.count(Stance.NEUTRAL),
            "non_supporters": stances.count(Stance.NON_SUPPORTER),
            "champion": next((p for p in assessed if p.stakeholder.is_champion), None),
        }


def stakeholder_layer(request, partner) -> StakeholderLayer | None:
    """The layer for vendor staff; nothing for anyone else, a request without a user included
    (fail closed: whatever draws a chart must say who it is for)."""
    if not is_vendor_staff(getattr(request, "user", None)):
        return None
    return StakeholderLayer()
