"""An org chart to test with: people on three levels, units, a stakeholder layer, one who left.
Shared by the chart's tests (partners) and the stakeholder layer's (relationships)."""

import datetime

from django.urls import reverse

from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory

TODAY = datetime.date.today()


def tab_url(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "org-chart"])


def make_org(partner) -> dict:
    """Maria (champion, supporter) ← Kai (non-supporter) ← Lea (not assessed); Olga alone;
    Gil left."""
    sales = OrgUnitFactory(partner=partner, name="Sales")
    emea = OrgUnitFactory(partner=partner, name="EMEA", parent=sales)
    maria = ContactFactory(partner=partner, first_name="Maria", last_name="Keller", title="CEO")
    kai = ContactFactory(
        partner=partner, first_name="Kai", last_name="Berg", reports_to=maria, org_unit=sales
    )
    lea = ContactFactory(
        partner=partner, first_name="Lea", last_name="Roth", reports_to=kai, org_unit=emea
    )
    olga = ContactFactory(partner=partner, first_name="Olga", last_name="Alone")
    gil = ContactFactory(partner=partner, first_name="Gil", last_name="Gone", left_on=TODAY)
    StakeholderFactory(
        contact=maria, stance="supporter", influence=5, relationship_level=4,
        is_champion=True, champion_reason="Sponsor",
    )  # fmt: skip
    StakeholderFactory(contact=kai, stance="non_supporter", influence=2, relationship_level=1)
    return {"sales": sales, "emea": emea, "maria": maria, "kai": kai, "lea": lea,
            "olga": olga, "gil": gil}  # fmt: skip
