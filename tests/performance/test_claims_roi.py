import datetime
import itertools
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from incentives.models import ClaimStatus
from performance.models import DealRegistration
from performance.selectors.claims import (
    partner_rois,
    program_rois,
    program_years,
    rank_by_roi,
    roi_ratio,
)
from performance.views.claims import roi_chart
from tests.factories import ContactFactory, PartnerFactory
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.incentives.enablement_factories import CertificationFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.targets_factories import ActualFactory


def _paid(program, partner, amount, revenue, reference):
    return IncentiveClaimFactory(
        program=program, partner=partner, amount=Decimal(amount),
        attributed_revenue=Decimal(revenue), status=ClaimStatus.PAID,
        paid_at=timezone.now(), payment_reference=reference,
    )  # fmt: skip


def test_roi_ratio_is_return_over_paid():
    assert roi_ratio(attributed=Decimal("5000"), paid=Decimal("1000")) == Decimal("4.00")
    assert roi_ratio(attributed=Decimal("0"), paid=Decimal("0")) is None


def test_program_rois_results_compare_revenue_before_and_during(partner, other_partner):
    program = IncentiveProgramFactory(
        targeted_behaviour="results",
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 6, 30),
    )  # fmt: skip
    _paid(program, partner, "1000", "4000", "P1")
    _paid(program, other_partner, "1000", "2000", "P2")
    IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("999"))  # requested
    ActualFactory(partner=partner, year=2024, quarter=3, value=100)
    ActualFactory(partner=partner, year=2025, quarter=1, value=300)
    ActualFactory(partner=other_partner, year=2025, quarter=2, value=50)
    (row,) = program_rois()
    assert row.paid == Decimal("2000") and row.attributed_revenue == Decimal("6000")
    assert row.roi == Decimal("2.00")
    assert (row.before, row.during, row.change) == (Decimal("100"), Decimal("350"), 250)


def test_program_rois_focus_counts_registered_deals(partner):
    today = datetime.date.today()
    program = IncentiveProgramFactory(
        starts_on=today - datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=10)
    )
    _paid(program, partner, "100", "50", "P3")
    DealRegistrationFactory.create_batch(2, partner=partner)
    (row,) = program_rois()
    assert row.behaviour_label == "Registered deals"
    assert (row.before, row.during) == (0, 2)
    assert row.roi == Decimal("-0.50")


def test_program_rois_requirements_counts_certified_people(partner):
    IncentiveProgramFactory(targeted_behaviour="requirements")
    (row,) = program_rois()
    assert row.behaviour_label == "Newly certified people"
    assert (row.before, row.during) == (0, 0)


def test_partner_rois_only_own_paid_claims(partner, other_partner):
    program = IncentiveProgramFactory()
    _paid(program, partner, "1000", "3000", "P4")
    _paid(program, other_partner, "1000", "0", "P5")
    (row,) = partner_rois(partner=partner)
    assert (row.paid, row.roi) == (Decimal("1000"), Decimal("2.00"))


# --- windows, filters, ranking and query counts ----------------------------------------------


def _deal_on(partner, day):
    deal = DealRegistrationFactory(partner=partner)
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    DealRegistration.objects.filter(pk=deal.pk).update(created_at=moment)
    return deal


def test_program_rois_each_program_counts_deals_in_its_own_windows(partner, other_partner):
    spring = IncentiveProgramFactory(
        name="Spring", targeted_behaviour="loyalty",
        starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2025, 4, 30),
    )  # fmt: skip
    summer = IncentiveProgramFactory(
        name="Summer", starts_on=datetime.date(2025, 7, 1), ends_on=datetime.date(2025, 7, 31)
    )
    _paid(spring, partner, "100", "100", "S1")
    _paid(summer, other_partner, "100", "100", "S2")
    for day in (datetime.date(2025, 3, 5), datetime.date(2025, 4, 1), datetime.date(2025, 4, 30)):
        _deal_on(partner, day)
    _deal_on(partner, datetime.date(2025, 7, 10))  # not a claimant of Summer: not counted there
    _deal_on(other_partner, datetime.date(2025, 6, 30))
    _deal_on(other_partner, datetime.date(2025, 4, 10))  # in Spring, but not its claimant
    rows = {row.program.name: row for row in program_rois()}
    assert (rows["Spring"].before, rows["Spring"].during) == (1, 2)
    assert (rows["Summer"].before, rows["Summer"].during, rows["Summer"].change) == (1, 0, -1)


def test_program_rois_certified_people_counted_once_per_window(partner, other_partner):
    program = IncentiveProgramFactory(
        targeted_behaviour="requirements",
        starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 31),
    )  # fmt: skip
    _paid(program, partner, "500", "0", "C1")
    person = ContactFactory(partner=partner)
    CertificationFactory(contact=person, earned_on=datetime.date(2025, 3, 3))
    CertificationFactory(contact=person, earned_on=datetime.date(2025, 3, 20))
    CertificationFactory(contact__partner=partner, earned_on=datetime.date(2025, 2, 10))
    CertificationFactory(contact__partner=partner, earned_on=datetime.date(2025, 3, 9),
                         status="requested")  # fmt: skip
    CertificationFactory(contact__partner=other_partner, earned_on=datetime.date(2025, 3, 9))
    (row,) = program_rois()
    assert (row.before, row.during) == (1, 1)
    assert row.roi == Decimal("-1.00")


def test_program_rois_filters_by_kind_behaviour_and_year(db):
    for name, kind, behaviour, starts_on, ends_on in [
        ("Rebate 2024", "rebate", "results", datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
        ("SPIFF across years", "spiff", "focus", datetime.date(2024, 11, 1),
         datetime.date(2025, 2, 28)),
        ("MDF 2025", "mdf", "focus", datetime.date(2025, 5, 1), datetime.date(2025, 8, 31)),
    ]:  # fmt: skip
        IncentiveProgramFactory(name=name, kind=kind, targeted_behaviour=behaviour,
                                starts_on=starts_on, ends_on=ends_on)  # fmt: skip

    def names(**filters):
        return {row.program.name for row in program_rois(**filters)}

    assert names(kind="spiff") == {"SPIFF across years"}
    assert names(behaviour="results") == {"Rebate 2024"}
    assert names(year=2025) == {"SPIFF across years", "MDF 2025"}
    assert names(year=2023) == set()
    assert program_years() == [2025, 2024]


def test_rank_by_roi_unpaid_programs_last_either_way(partner):
    low, high, unpaid = (IncentiveProgramFactory(name=name) for name in ("Low", "High", "Unpaid"))
    _paid(low, partner, "1000", "500", "R1")
    _paid(high, partner, "1000", "5000", "R2")
    rows = program_rois()
    assert [r.program.name for r in rank_by_roi(rows)] == ["High", "Low", "Unpaid"]
    lowest = rank_by_roi(rows, highest_first=False)
    assert [r.program.name for r in lowest] == ["Low", "High", "Unpaid"]
    assert unpaid.pk == lowest[-1].program.pk and lowest[-1].roi_percent is None


def test_roi_chart_draws_paid_programs_in_percent(partner):
    assert roi_chart([]) is None
    good, bad = IncentiveProgramFactory(name="Good"), IncentiveProgramFactory(name="Bad")
    IncentiveProgramFactory(name="Nothing paid")
    _paid(good, partner, "1000", "5000", "G1")
    assert roi_chart(program_rois()) is None  # one bar compares nothing
    _paid(bad, partner, "1000", "250", "B1")
    spec = roi_chart(rank_by_roi(program_rois()))["spec"]
    assert (spec["type"], spec["unit"], spec["labels"]) == ("hbar", "%", ["Good", "Bad"])
    assert spec["datasets"][0]["data"] == [400.0, -75.0]
    assert spec["datasets"][0]["backgroundColor"] == ["#1e8a4c", "#c0392b"]


YEARS = itertools.count(2000)  # one actual per partner and period


def _programs_with_claims(count, partners):
    behaviours = ["results", "focus", "loyalty", "requirements"]
    for index in range(count):
        program = IncentiveProgramFactory(targeted_behaviour=behaviours[index % 4])
        for number, partner in enumerate(partners):
            _paid(program, partner, "100", "300", f"Q{program.pk}-{number}")
            IncentiveClaimFactory(program=program, partner=partner)  # requested, not paid
        ActualFactory(partner=partners[index % len(partners)], year=next(YEARS), quarter=1)
        DealRegistrationFactory(partner=partners[0])
        CertificationFactory(contact__partner=partners[-1])


def test_program_rois_query_count_constant_in_programs_and_claims(partner, other_partner):
    _programs_with_claims(4, [partner])
    with CaptureQueriesContext(connection) as small:
        assert len(program_rois()) == 4
    _programs_with_claims(12, [partner, other_partner, PartnerFactory()])
    with CaptureQueriesContext(connection) as large:
        assert len(program_rois()) == 16
    assert len(large) == len(small) <= 5  # programs, claims, actuals, deals, certifications


def test_partner_rois_query_count_constant_in_programs_and_claims(partner, other_partner):
    _programs_with_claims(4, [partner])
    with CaptureQueriesContext(connection) as small:
        assert len(partner_rois(partner=partner)) == 4
    _programs_with_claims(12, [partner, other_partner])
    with CaptureQueriesContext(connection) as large:
        assert len(partner_rois(partner=partner)) == 16
    assert len(large) == len(small) <= 5
