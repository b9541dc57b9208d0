"""Tier alerts: the early warning (on course to fall below the current tier at its next
evaluation, with the what-if that would keep it) and promotion eligible; the outlook they come
from, on the partner's Program tab and the portal; a constant number of statements per chunk.

The worked example, by hand. Gold requires 400,000 of revenue over four quarters, 3 certified
people and an audit total of 45. On 17 Jan 2027 (Q1 2027) the next evaluation is the end of the
quarter, 31 Mar 2027: 73 days left, 73 × 12 / 365 = 2.4 months.
- Revenue recorded for the four quarters that close then: Q1 2027 so far 10,000, Q4 2026
  92,000, Q3 2026 100,000, Q2 2026 80,000 → 282,000 (Q1 2026's 500,000 is outside the window).
- Run-rate of the latest closed quarter: Q4 2026 has 92 days, 92,000 / 92 = 1,000 a day.
- Projected: 282,000 + 73 × 1,000 = 355,000 → 45,000 short → 45,000 / 2.4 = 18,750 a month.
- Certified now: 3 (a 4th person's certification expired on 10 Jan). Ada Soon's expires on
  12 Feb, before the evaluation: 2 of 3 at the evaluation → 1 more certified person.
- Audit: the latest total is 50 (every criterion 3), 45 needed: on course.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from performance.models import Actual, Alert, AlertKind, ScoreRun
from performance.scoring.run import counting_statements, score_chunk
from performance.selectors.program import next_evaluation, tier_outlook, tier_standing
from performance.services.scoring import score_run_foreground, score_run_prepare
from prm.lib.money import default_currency
from tests.factories import ContactFactory, PartnerFactory
from tests.helpers import HTMX, page_text
from tests.incentives.enablement_factories import CertificationFactory
from tests.incentives.program_factories import TierRequirementFactory, tiers
from tests.performance.audits_factories import PerformanceAuditFactory
from tests.performance.targets_factories import ActualFactory

pytestmark = pytest.mark.django_db
WORKED_DAY = datetime.date(2027, 1, 17)
WORKED_WHAT_IF = (
    "needs 45,000 {c} more revenue by 31 Mar 2027 (≈ 18,750 {c} a month) and 1 more certified "
    "person (2 of 3; 1 expires 12 Feb)"
)


def _what_if() -> str:
    return WORKED_WHAT_IF.format(c=default_currency())


def _certified(partner, name, expires_on):
    first, last = name.split()
    contact = ContactFactory(partner=partner, first_name=first, last_name=last)
    return CertificationFactory(contact=contact, earned_on=datetime.date(2026, 1, 5),
                                expires_on=expires_on)  # fmt: skip


def _gold_partner(partner, *, current_quarter_so_far=Decimal("10000")):
    """The worked example of the module docstring."""
    _, silver, gold = tiers()
    TierRequirementFactory(tier=gold, min_annual_revenue=Decimal("400000"),
                           min_certified_people=3, min_audit_score=45)  # fmt: skip
    partner.tier = gold
    partner.save()
    revenue = {(2026, 2): 80000, (2026, 3): 100000, (2026, 4): 92000, (2026, 1): 500000}
    if current_quarter_so_far is not None:
        revenue[(2027, 1)] = current_quarter_so_far
    for (year, quarter), value in revenue.items():
        ActualFactory(partner=partner, year=year, quarter=quarter, value=value)
    _certified(partner, "Ann Long", datetime.date(2028, 6, 30))
    _certified(partner, "Bob Middle", datetime.date(2027, 6, 30))
    _certified(partner, "Ada Soon", datetime.date(2027, 2, 12))
    _certified(partner, "Old Gone", datetime.date(2027, 1, 10))  # expired before the day
    PerformanceAuditFactory(partner=partner, audited_on=datetime.date(2026, 11, 2))
    return gold


# --- the outlook -------------------------------------------------------------------------------


def test_next_evaluation_is_the_end_of_the_calendar_quarter():
    assert next_evaluation(datetime.date(2027, 1, 17)) == datetime.date(2027, 3, 31)
    assert next_evaluation(datetime.date(2026, 12, 31)) == datetime.date(2026, 12, 31)
    assert next_evaluation(datetime.date(2026, 7, 1)) == datetime.date(2026, 9, 30)


def test_outlook_worked_example(partner):
    _gold_partner(partner)
    outlook = tier_outlook(partner, today=WORKED_DAY)

    assert outlook.evaluation_on == datetime.date(2027, 3, 31) and outlook.days_left == 73
    assert outlook.run_rate == Decimal("1000")
    revenue, people, audit = outlook.requirements
    assert (revenue.now, revenue.projected) == (Decimal("282000"), Decimal("355000"))
    assert (revenue.short, revenue.per_month) == (Decimal("45000"), Decimal("18750"))
    assert (people.now, people.projected, people.short) == (3, 2, 1)
    assert [(lapse.name, lapse.on) for lapse in people.lapsing] == [
        ("Ada Soon", datetime.date(2027, 2, 12))
    ]
    assert audit.met and audit.now == 50
    assert outlook.at_risk
    assert outlook.what_if() == _what_if()
    assert outlook.message() == (
        f"On course to fall below Gold at the next tier evaluation on 31 Mar 2027: {_what_if()}."
    )


def test_outlook_without_an_actual_for_the_current_quarter_projects_all_of_it(partner):
    # No Q1 2027 actual yet: 272,000 recorded, and the run-rate covers the whole quarter
    # (1 Jan to 31 Mar, 90 days): 272,000 + 90 × 1,000 = 362,000, 38,000 short;
    # 38,000 / 2.4 = 15,833.33… a month, rounded up to 15,834.
    _gold_partner(partner, current_quarter_so_far=None)
    revenue = tier_outlook(partner, today=WORKED_DAY).requirements[0]
    assert (revenue.now, revenue.projected) == (Decimal("272000"), Decimal("362000"))
    assert (revenue.short, revenue.per_month) == (Decimal("38000"), Decimal("15834"))


def test_certifications_expiring_before_the_evaluation_do_not_count(partner):
    _, silver, _ = tiers()
    TierRequirementFactory(tier=silver, min_certified_people=3)
    partner.tier = silver
    partner.save()
    evaluation = datetime.date(2027, 3, 31)
    _certified(partner, "Eve Before", evaluation - datetime.timedelta(days=1))
    _certified(partner, "Dan Ondue", evaluation)  # still current on the day: counts
    renewed = _certified(partner, "Ria Renewed", datetime.date(2027, 2, 1))
    CertificationFactory(contact=renewed.contact, expires_on=datetime.date(2028, 1, 1))
    leaving = _certified(partner, "Lee Leaving", datetime.date(2029, 1, 1))
    leaving.contact.left_on = datetime.date(2027, 3, 1)
    leaving.contact.save()

    people = tier_outlook(partner, today=WORKED_DAY).requirements[0]

    assert (people.now, people.projected, people.short) == (4, 2, 1)
    assert [(lapse.name, lapse.leaves) for lapse in people.lapsing] == [
        ("Lee Leaving", True), ("Eve Before", False)
    ]  # fmt: skip
    assert (
        "(2 of 3; 1 expires 30 Mar; 1 leaves 01 Mar)"
        in tier_outlook(partner, today=WORKED_DAY).what_if()
    )


def test_outlook_on_course_has_no_what_if(partner):
    gold = _gold_partner(partner)
    _certified(partner, "New Person", datetime.date(2028, 1, 1))
    Actual.objects.filter(partner=partner, year=2027, quarter=1).update(value=60000)
    outlook = tier_outlook(partner, today=WORKED_DAY)
    assert outlook.tier.tier_id == gold.pk
    assert not outlook.at_risk and outlook.what_if() == ""  # 405,000 projected, 3 of 3


def test_no_outlook_without_a_tier_or_requirements(partner, other_partner):
    registered, *_ = tiers()
    other_partner.tier = registered  # a tier that requires nothing
    other_partner.save()
    assert tier_outlook(partner, today=WORKED_DAY) is None
    assert tier_outlook(other_partner, today=WORKED_DAY) is None


# --- the alerts a run as of today raises -------------------------------------------------------


@pytest.fixture
def on_worked_day(monkeypatch):
    """Today is the worked example's day (a run raises alerts only as of today)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: WORKED_DAY)


def test_run_raises_the_early_warning_with_the_outlooks_numbers(partner, on_worked_day):
    gold = _gold_partner(partner)
    score_run_foreground(as_of=WORKED_DAY)
    alert = Alert.objects.get(kind=AlertKind.TIER_AT_RISK)
    assert (alert.partner, alert.subject, alert.fix) == (partner, f"tier:{gold.pk}", "program")
    assert alert.message == tier_outlook(partner, today=WORKED_DAY).message()
    assert _what_if() in alert.message

    # One more certified person and 45,000 more revenue so far (400,000 projected): on course.
    _certified(partner, "New Person", datetime.date(2028, 1, 1))
    Actual.objects.filter(partner=partner, year=2027, quarter=1).update(value=55000)
    score_run_foreground(as_of=WORKED_DAY)
    alert.refresh_from_db()
    assert alert.status == "resolved"


def test_a_leaving_partner_gets_no_tier_alerts(partner, on_worked_day):
    _gold_partner(partner)
    partner.status = "exiting"
    partner.save()
    score_run_foreground(as_of=WORKED_DAY)
    assert not Alert.objects.filter(kind=AlertKind.TIER_AT_RISK).exists()


def _meets_gold(partner, today):
    """A Silver partner meeting every Gold requirement today."""
    _, silver, gold = tiers()
    TierRequirementFactory(tier=gold, min_annual_revenue=Decimal("100000"),
                           min_certified_people=2, min_audit_score=45)  # fmt: skip
    partner.tier = silver
    partner.save()
    year, month = today.year, today.month
    ActualFactory(partner=partner, year=year, quarter=(month - 1) // 3 + 1, value=120000)
    for name in ("Ann Long", "Bob Longer"):
        _certified(partner, name, today + datetime.timedelta(days=400))
    PerformanceAuditFactory(partner=partner)
    return gold


def test_run_raises_promotion_eligible_with_the_evidence(partner):
    today = timezone.localdate()
    gold = _meets_gold(partner, today)
    score_run_foreground(as_of=today)
    alert = Alert.objects.get(kind=AlertKind.PROMOTION_ELIGIBLE)
    currency = default_currency()
    assert (alert.partner, alert.subject, alert.fix) == (partner, f"tier:{gold.pk}", "program")
    assert alert.message == (
        f"Meets every requirement of Gold now: revenue 120,000 {currency} over the last four "
        f"quarters (needs 100,000 {currency}), 2 certified people (needs 2), latest audit 50.0 "
        "(needs 45)."
    )
    assert tier_standing(partner, today=today).progress.qualifies


def test_no_promotion_when_one_requirement_is_missing_or_at_the_top(partner, other_partner):
    today = timezone.localdate()
    _meets_gold(partner, today)
    from incentives.models import TierRequirement

    TierRequirement.objects.update(min_certified_people=3)
    *_, gold = tiers()
    other_partner.tier = gold  # the top tier: nothing above
    other_partner.save()
    score_run_foreground(as_of=today)
    assert not Alert.objects.filter(kind=AlertKind.PROMOTION_ELIGIBLE).exists()


def test_a_tier_that_requires_nothing_is_no_promotion(partner):
    tiers()  # Registered requires nothing: a partner outside the program is not "eligible"
    score_run_foreground(as_of=timezone.localdate())
    assert not Alert.objects.filter(kind=AlertKind.PROMOTION_ELIGIBLE).exists()


# --- the pages ---------------------------------------------------------------------------------


def test_program_tab_shows_the_early_warning_and_what_if(
    client_for, manager, partner, on_worked_day
):
    _gold_partner(partner)
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])
    text = page_text(client_for(manager).get(url, **HTMX))
    assert "Early warning: Gold at risk" in text
    assert f"To keep Gold: {_what_if()}." in text
    assert "Ada Soon — certification expires 12 Feb" in text


def test_portal_tier_and_scores_pages_show_the_partners_own_warning(
    client_for, partner_admin, partner, other_partner, on_worked_day
):
    _gold_partner(partner)
    PerformanceAuditFactory(partner=partner, share_with_partner=True)  # the portal's audit
    other_partner.tier = partner.tier
    other_partner.save()
    other = _certified(other_partner, "Zed Foreign", datetime.date(2027, 2, 2))
    ActualFactory(partner=other_partner, year=2026, quarter=4, value=777777)
    client = client_for(partner_admin)
    for url in (reverse("incentives-portal:tier"), reverse("performance-portal:score-list")):
        response = client.get(url)
        text = page_text(response)
        assert response.status_code == 200
        assert f"To keep Gold: {_what_if()}." in text
        assert other_partner.name not in text and other.contact.last_name not in text
        assert "777,777" not in text


def test_portal_outlook_counts_only_audits_shared_with_the_partner(
    client_for, partner_admin, partner
):
    _gold_partner(partner)  # its one audit is internal
    assert tier_outlook(partner, today=WORKED_DAY).requirements[2].met
    portal = tier_outlook(partner, today=WORKED_DAY, for_partner=True)
    assert not portal.requirements[2].met and "an audit total of at least 45 (no audit yet)" in (
        portal.what_if()
    )
    text = page_text(client_for(partner_admin).get(reverse("incentives-portal:tier")))
    assert "No audit yet; 45 points needed" in text


def test_portal_scores_page_without_a_tier_at_risk_shows_no_warning(client_for, partner_admin):
    text = page_text(client_for(partner_admin).get(reverse("performance-portal:score-list")))
    assert "Early warning" not in text and "No scores yet" in text


def test_portal_pages_with_the_outlook_keep_a_constant_query_count(
    client_for, partner_admin, partner, count_queries
):
    _gold_partner(partner)
    client = client_for(partner_admin)
    urls = (reverse("incentives-portal:tier"), reverse("performance-portal:score-list"))

    def queries(people):
        for index in range(people):
            _certified(partner, f"Extra Person{index}", datetime.date(2027, 2, 1))
        return [count_queries(client, url, warm=True) for url in urls]

    assert queries(1) == queries(8)


def test_program_tab_with_the_outlook_keeps_a_constant_query_count(
    client_for, manager, partner, count_queries
):
    _gold_partner(partner)
    client = client_for(manager)
    url = reverse("partners:partner-tab", args=[partner.slug, "program"])
    years = iter(range(2010, 2026))

    def queries(people):
        for index in range(people):
            _certified(partner, f"Extra Person{index}", datetime.date(2027, 2, 1))
            ActualFactory(partner=partner, year=next(years), quarter=1)  # outside the window
        return count_queries(client, url, warm=True, **HTMX)

    assert queries(1) == queries(8)


# --- statements per chunk ----------------------------------------------------------------------


def _tiered_partners(count, gold, today):
    ids = []
    for _ in range(count):
        partner = PartnerFactory(tier=gold)
        ActualFactory(partner=partner, year=today.year, quarter=(today.month - 1) // 3 + 1)
        _certified(partner, "Cert Holder", today + datetime.timedelta(days=5))
        PerformanceAuditFactory(partner=partner)
        ids.append(partner.pk)
    return ids


def test_a_chunk_that_raises_alerts_issues_the_same_statements_for_10_and_60_partners():
    today = timezone.localdate()
    *_, gold = tiers()
    TierRequirementFactory(tier=gold, min_annual_revenue=Decimal("1000000"),
                           min_certified_people=2, min_audit_score=60)  # fmt: skip
    few, many = _tiered_partners(10, gold, today), _tiered_partners(60, gold, today)
    run, _ = score_run_prepare(as_of=today)
    run = ScoreRun.objects.select_related("weights").get(pk=run.pk)  # as a chunk reads it

    def statements(partner_ids):
        with counting_statements() as count:
            scores, causes = score_chunk(run=run, partner_ids=partner_ids)
        assert all(
            any(cause.kind == AlertKind.TIER_AT_RISK for cause in found)
            for found in causes.values()
        )  # every partner is warned: the tier reads were used
        return count[0]

    assert statements(few) == statements(many)


def test_with_less_than_a_month_left_no_monthly_pace_is_given(partner):
    _gold_partner(partner)
    # 20 Mar 2027: 11 days left, the run-rate adds 11,000: 293,000, 107,000 short.
    revenue = tier_outlook(partner, today=datetime.date(2027, 3, 20)).requirements[0]
    assert (revenue.projected, revenue.short, revenue.per_month) == (293000, 107000, None)
