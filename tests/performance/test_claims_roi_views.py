"""The incentive ROI comparison page and the partner Program tab's "Incentives paid" section."""

import datetime
import itertools
import json
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from incentives.models import ClaimStatus
from performance.selectors.claims import program_rois
from tests.factories import PartnerFactory
from tests.helpers import HTMX, field_errors, page_text
from tests.incentives.claims_factories import IncentiveClaimFactory, IncentiveProgramFactory
from tests.incentives.enablement_factories import CertificationFactory
from tests.performance.deals_factories import DealRegistrationFactory
from tests.performance.targets_factories import ActualFactory

pytestmark = pytest.mark.django_db

URL = reverse("performance:incentive-roi")


def _paid(program, partner, amount, revenue):
    return IncentiveClaimFactory(
        program=program, partner=partner, amount=Decimal(amount),
        attributed_revenue=Decimal(revenue), status=ClaimStatus.PAID, paid_at=timezone.now(),
        payment_reference=f"PAY-{program.pk}-{partner.pk}-{amount}",
    )  # fmt: skip


@pytest.fixture
def programs(partner, other_partner):
    """A rebate paying 1,000 for 5,000 of revenue (ROI 400%), a SPIFF losing money in 2024, and
    an MDF fund with nothing paid yet."""
    rebate = IncentiveProgramFactory(
        name="Cloud rebate", kind="rebate", targeted_behaviour="results", budget=Decimal("20000"),
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2025, 6, 30),
    )  # fmt: skip
    _paid(rebate, partner, "1000", "5000")
    ActualFactory(partner=partner, year=2024, quarter=4, value=1000)
    ActualFactory(partner=partner, year=2025, quarter=2, value=4000)
    spiff = IncentiveProgramFactory(
        name="Security SPIFF", kind="spiff", targeted_behaviour="focus",
        starts_on=datetime.date(2024, 3, 1), ends_on=datetime.date(2024, 5, 31),
    )  # fmt: skip
    _paid(spiff, other_partner, "2000", "500")
    mdf = IncentiveProgramFactory(name="Events MDF", kind="mdf", targeted_behaviour="loyalty")
    IncentiveClaimFactory(program=mdf, partner=partner)  # requested: nothing paid
    return rebate, spiff, mdf


def _row_text(response, name):
    """The visible text of the table row naming `name`."""
    html = response.content.decode()
    row = re.search(r"<tr>(?:(?!</tr>).)*?" + re.escape(name) + r".*?</tr>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def _chart(response):
    match = re.search(
        r'<script id="incentive-roi-data" type="application/json">(.*?)</script>',
        response.content.decode(), re.S,
    )  # fmt: skip
    return json.loads(match.group(1)) if match else None


# --- the page ---------------------------------------------------------------------------------


def test_incentive_roi_shows_the_selectors_figures(client_for, manager, programs):
    response = client_for(manager).get(URL)
    assert response.status_code == 200
    rebate_row = next(row for row in program_rois() if row.program.name == "Cloud rebate")
    assert (rebate_row.paid, rebate_row.attributed_revenue) == (Decimal("1000"), Decimal("5000"))
    assert rebate_row.roi == Decimal("4.00")
    text = _row_text(response, "Cloud rebate")
    assert "Rebate" in text and "Results" in text and "1 Jan 2025 – 30 Jun 2025" in text
    assert "20,000 EUR" in text and "1,000 EUR" in text and "5,000 EUR" in text
    assert "400%" in text
    assert "1,000 → 4,000" in text and "up +3,000" in text and "Revenue" in text
    spiff = _row_text(response, "Security SPIFF")
    assert "2,000 EUR" in spiff and "500 EUR" in spiff and "-75%" in spiff
    unpaid = _row_text(response, "Events MDF")
    assert "—" in unpaid and "nothing paid yet" in unpaid and "0 → 0" in unpaid


def test_incentive_roi_sorted_by_roi_unpaid_last(client_for, manager, programs):
    client = client_for(manager)

    def order(response):
        names = ("Cloud rebate", "Security SPIFF", "Events MDF")
        text = page_text(response).split("before → during the program", 1)[1]
        return sorted(names, key=text.index)

    assert order(client.get(URL)) == ["Cloud rebate", "Security SPIFF", "Events MDF"]
    lowest = client.get(URL, {"order": "lowest"})
    assert order(lowest) == ["Security SPIFF", "Cloud rebate", "Events MDF"]
    assert "lowest ROI first" in page_text(lowest)


def test_incentive_roi_chart_has_paid_programs_in_percent(client_for, manager, programs):
    response = client_for(manager).get(URL)
    spec = _chart(response)
    assert (spec["type"], spec["unit"]) == ("hbar", "%")
    assert spec["labels"] == ["Cloud rebate", "Security SPIFF"]
    assert spec["datasets"][0]["data"] == [400.0, -75.0]
    assert 'data-chart="incentive-roi-data"' in response.content.decode()
    assert "1 program with nothing paid yet is listed below but not drawn" in page_text(response)


def test_incentive_roi_explains_how_it_is_measured(client_for, manager, programs):
    text = page_text(client_for(manager).get(URL))
    assert "minus the amount paid, divided by the amount paid" in text
    assert "same number of days just before it" in text


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"kind": "spiff"}, {"Security SPIFF"}),
        ({"behaviour": "results"}, {"Cloud rebate"}),
        ({"year": "2024"}, {"Security SPIFF"}),
        ({"kind": "rebate", "year": "2025"}, {"Cloud rebate"}),
    ],
)
def test_incentive_roi_filters(client_for, manager, programs, query, shown):
    text = page_text(client_for(manager).get(URL, query))
    names = {"Cloud rebate", "Security SPIFF", "Events MDF"}
    assert {name for name in names if name in text} == shown


def test_incentive_roi_invalid_filter_shown_and_ignored(client_for, manager, programs):
    response = client_for(manager).get(URL, {"year": "1999", "kind": "bogus"})
    assert response.status_code == 200
    assert field_errors(response, "year") and field_errors(response, "kind")
    assert "Cloud rebate" in page_text(response) and "Security SPIFF" in page_text(response)


def test_incentive_roi_year_choices_from_programs(client_for, manager, programs):
    html = client_for(manager).get(URL).content.decode()
    years = re.findall(r'<option value="(\d{4})"', html)
    assert "2024" in years and "2025" in years and years == sorted(years, reverse=True)


def test_incentive_roi_htmx_renders_the_results_region(client_for, manager, programs):
    response = client_for(manager).get(URL, {"kind": "spiff"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="roi-results"') and "<html" not in html
    assert "Security SPIFF" in html and "Cloud rebate" not in html
    assert "HX-Request" in response["Vary"]


def test_incentive_roi_empty_state(client_for, manager):
    response = client_for(manager).get(URL)
    text = page_text(response)
    assert response.status_code == 200
    assert "No incentive programs yet." in text
    assert reverse("incentives:program-list") in response.content.decode()
    assert _chart(response) is None


def test_incentive_roi_no_match_offers_to_show_all(client_for, manager, programs):
    text = page_text(client_for(manager).get(URL, {"kind": "award"}))
    assert "No program matches these filters." in text and "Show every program" in text


def test_incentive_roi_nothing_paid_yet_explains_the_missing_chart(client_for, manager, programs):
    response = client_for(manager).get(URL, {"kind": "mdf"})
    assert "Nothing is paid yet in this program" in page_text(response)
    assert _chart(response) is None


def test_incentive_roi_one_paid_program_needs_no_chart(client_for, manager, programs):
    response = client_for(manager).get(URL, {"kind": "rebate"})
    assert _chart(response) is None and 'id="roi-chart"' not in response.content.decode()
    assert "400%" in _row_text(response, "Cloud rebate")


def test_incentive_roi_access(client, client_for, partner_admin, partner_member, outsider):
    for user in (partner_admin, partner_member, outsider):
        assert client_for(user).get(URL).status_code == 403
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_incentive_roi_post_not_allowed(client_for, manager):
    assert client_for(manager).post(URL).status_code == 405


YEARS = itertools.count(2000)  # one actual per partner and period


def _grow(count, partners):
    behaviours = ["results", "focus", "loyalty", "requirements"]
    for index in range(count):
        program = IncentiveProgramFactory(
            targeted_behaviour=behaviours[index % 4], kind=["rebate", "spiff", "mdf"][index % 3]
        )
        for partner in partners:
            _paid(program, partner, "100", str(50 * index))
            IncentiveClaimFactory(program=program, partner=partner)
        ActualFactory(partner=partners[0], year=next(YEARS), quarter=1)
        DealRegistrationFactory(partner=partners[-1])
        CertificationFactory(contact__partner=partners[0])


def test_incentive_roi_query_count_constant(
    client_for, manager, partner, other_partner, count_queries
):
    client = client_for(manager)

    def count():
        cache.clear()  # the comparison is kept a minute: measure it computed
        return count_queries(client, URL)

    _grow(4, [partner])  # one program of each behaviour: each kind of measure is queried
    small = count()
    _grow(12, [partner, other_partner, PartnerFactory()])
    assert count() == small


# --- the partner page's Program tab -----------------------------------------------------------


def _tab(partner):
    return reverse("partners:partner-tab", args=[partner.slug, "program"])


def _section(partner):
    return reverse("performance:partner-incentive-roi", args=[partner.slug])


def test_program_tab_loads_the_incentives_section_after_itself(client_for, manager, partner):
    html = client_for(manager).get(_tab(partner)).content.decode()
    assert f'hx-get="{_section(partner)}"' in html


def test_program_tab_lists_the_partners_incentives_and_return(
    client_for, manager, partner, programs
):
    response = client_for(manager).get(_section(partner), **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    html = response.content.decode()
    section = html[html.index('id="partner-incentive-roi"') :]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "Incentives paid and their return" in text
    assert "Cloud rebate" in text and "1,000 EUR" in text and "5,000 EUR" in text
    assert "400%" in text and "1,000 → 4,000" in text
    assert "Security SPIFF" not in text  # another partner's claim
    assert "Events MDF" not in text  # requested, not paid
    assert reverse("performance:incentive-roi") in section


def test_program_tab_incentives_empty_state(client_for, manager, partner):
    text = page_text(client_for(manager).get(_section(partner), **HTMX))
    assert "No incentive has been paid to Acme Systems yet." in text


def test_partner_incentive_section_as_a_page_and_access(
    client, client_for, manager, partner, partner_admin, outsider
):
    url = _section(partner)
    assert client.get(url).status_code == 302
    page = client_for(manager).get(url)
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert client_for(manager).post(url).status_code == 405
    assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 403
    unknown = reverse("performance:partner-incentive-roi", args=["no-such-partner"])
    assert client_for(manager).get(unknown).status_code == 404


def test_partner_incentive_section_query_count_constant(
    client_for, manager, partner, count_queries
):
    client = client_for(manager)

    def count():
        return count_queries(client, _section(partner), **HTMX)

    nothing_paid = count()
    _grow(4, [partner])
    small = count()
    _grow(12, [partner])
    for program in program_rois():
        _paid(program.program, partner, "7", "70")
    assert nothing_paid == small == count()


def test_program_tab_query_count_constant_as_claims_and_programs_grow(
    client_for, manager, partner, other_partner, count_queries
):
    client = client_for(manager)

    def count():
        return count_queries(client, _tab(partner))

    _grow(4, [partner])
    small = count()
    _grow(12, [partner, other_partner])
    for program in program_rois():
        _paid(program.program, partner, "7", "70")  # more claims on the same programs
    assert count() == small


def test_incentive_roi_is_kept_a_minute(client_for, manager, partner, count_queries):
    _grow(4, [partner])
    client = client_for(manager)
    warm = count_queries(client, URL, warm=True)
    cache.clear()
    cold = count_queries(client, URL)
    assert warm < cold


def test_incentive_roi_exports_its_filtered_rows(client_for, manager, programs):
    from tests.export_helpers import column_of, rows_of

    response = client_for(manager).get(URL, {"kind": "rebate", "export": "csv"})
    rows = rows_of(response, "csv")
    assert rows[0][:3] == ["Program", "Kind", "Behaviour targeted"]
    assert column_of(rows, "Program") == ["Cloud rebate"]
    # A decimal sum: "1000" on SQLite, "1000.00" on PostgreSQL; the amount is what matters.
    assert [Decimal(v) for v in column_of(rows, "Paid")] == [Decimal("1000")]
    assert [float(v) for v in column_of(rows, "ROI %")] == [400.0]
    page = client_for(manager).get(URL, {"kind": "rebate"}).content.decode()
    assert "kind=rebate&amp;export=xlsx" in page
