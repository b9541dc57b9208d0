"""People we have not analysed take part in interactions but never count as an assessment:
the scoring reads see only the analysed stakeholders."""

import datetime

from relationships import services
from relationships.models import Stakeholder
from relationships.selectors import scoring
from tests.factories import ContactFactory, StakeholderFactory

TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)


def test_scoring_counts_only_analysed_stakeholders(manager, partner):
    analysed = StakeholderFactory(contact=ContactFactory(partner=partner, last_name="Known"))
    newcomer = ContactFactory(partner=partner, last_name="New")
    services.interaction_log(
        actor=manager, partner=partner, stakeholders=[analysed], occurred_on=TODAY - 10 * DAY,
        channel="call",
    )  # fmt: skip
    services.interaction_log(
        actor=manager, partner=partner, contacts=[newcomer], occurred_on=TODAY - 2 * DAY,
        channel="meeting",
    )  # fmt: skip

    people, interactions = scoring.relationship_facts(
        partner_ids=[partner.pk], as_of=TODAY, window_days=90
    )

    assert [fact.stakeholder_id for fact in people] == [analysed.pk]
    assert people[0].last_interaction_on == TODAY - 10 * DAY  # not the newcomer's meeting
    assert interactions[partner.pk].stakeholders_in_window == 1
    assert not Stakeholder.objects.filter(contact=newcomer).exists()


def test_interaction_with_both_links_only_the_analysed_for_cadence(manager, partner):
    analysed = StakeholderFactory(contact=ContactFactory(partner=partner))
    newcomer = ContactFactory(partner=partner)
    interaction = services.interaction_log(
        actor=manager, partner=partner, contacts=[analysed.contact, newcomer],
        occurred_on=TODAY - DAY, channel="video",
    )  # fmt: skip
    assert list(interaction.stakeholders.all()) == [analysed]
    assert set(interaction.contacts.all()) == {analysed.contact, newcomer}
    analysed.refresh_from_db()
    assert analysed.last_interaction_on == TODAY - DAY
