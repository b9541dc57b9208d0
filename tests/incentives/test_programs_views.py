"""Incentive program pages: list with budget bars, create/edit through the service, detail
with its claims; the claim queue's program filter and htmx regions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from incentives.models import ClaimStatus, IncentiveProgram
from tests.factories import ProgramTierFactory
from tests.helpers import HTMX, edit_of, field_errors, page_text

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory

LIST = reverse("incentives:program-list")
NEW = reverse("incentives:program-create")
QUEUE = reverse("incentives:claim-queue")
TODAY = datetime.date.today()


def _detail(program):
    return reverse("incentives:program-detail", args=[program.pk])


def _form(**overrides):
    data = {
        "name": "Focus SPIFF", "kind": "spiff", "targeted_behaviour": "focus",
        "behaviour_description": "Sell the Platform bundle", "budget": "50000",
        "currency": "EUR", "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + datetime.timedelta(days=90)).isoformat(),
    }  # fmt: skip
    data.update(overrides)
    return data


def test_program_list_shows_budget_use(client_for, manager):
    program = IncentiveProgramFactory(name="Loyalty rebate", budget=Decimal("10000"))
    IncentiveClaimFactory(program=program, amount=Decimal("2500"), status=ClaimStatus.APPROVED,
                          decided_by=manager)  # fmt: skip
    IncentiveClaimFactory(program=program, amount=Decimal("1000"))  # requested: not committed
    response = client_for(manager).get(LIST)
    assert response.status_code == 200
    text = page_text(response)
    assert "Loyalty rebate" in text
    assert "25% committed · 2,500 EUR of 10,000 EUR" in text


def test_program_list_filters_by_kind_behaviour_and_state(client_for, manager):
    IncentiveProgramFactory(name="Running rebate", kind="rebate")
    IncentiveProgramFactory(name="Old MDF", kind="mdf", targeted_behaviour="results",
                            starts_on=TODAY - datetime.timedelta(days=400),
                            ends_on=TODAY - datetime.timedelta(days=40))  # fmt: skip
    client = client_for(manager)
    assert "Old MDF" not in page_text(client.get(LIST, {"kind": "rebate"}))
    assert "Running rebate" not in page_text(client.get(LIST, {"behaviour": "results"}))
    ended = page_text(client.get(LIST, {"state": "ended"}))
    assert "Old MDF" in ended and "Running rebate" not in ended
    assert "Old MDF" not in page_text(client.get(LIST, {"state": "running"}))


def test_program_list_htmx_renders_rows_only(client_for, manager):
    IncentiveProgramFactory(name="Co-op ads")
    response = client_for(manager).get(LIST, {"kind": "rebate"}, **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="program-rows"')
    assert "<html" not in response.content.decode()


def test_program_list_empty_states(client_for, manager):
    client = client_for(manager)
    assert "Create the first one" in page_text(client.get(LIST))
    IncentiveProgramFactory(kind="rebate")
    assert "No program matches these filters" in page_text(client.get(LIST, {"kind": "mdf"}))


def test_program_list_query_count_constant(client_for, manager, count_queries):
    tiers = ProgramTierFactory.create_batch(2)

    def count(n):
        for _ in range(n):
            program = IncentiveProgramFactory()
            program.eligible_tiers.set(tiers)
            IncentiveClaimFactory.create_batch(2, program=program)
        return count_queries(client_for(manager), LIST, warm=True)

    assert count(2) == count(12)


def test_program_pages_access(client, client_for, partner_admin, outsider):
    program = IncentiveProgramFactory()
    urls = [LIST, NEW, _detail(program), reverse("incentives:program-update", args=[program.pk])]
    for url in urls:  # anonymous first: client_for logs the same client in
        assert client.get(url).status_code == 302
    for url in urls:
        assert client_for(partner_admin).get(url).status_code == 403
        assert client_for(outsider).get(url).status_code == 403
    assert client_for(partner_admin).post(NEW, _form()).status_code == 403
    assert not IncentiveProgram.objects.filter(name="Focus SPIFF").exists()


def test_program_read_only_pages_refuse_post(client_for, manager):
    program = IncentiveProgramFactory()
    assert client_for(manager).post(LIST).status_code == 405
    assert client_for(manager).post(_detail(program)).status_code == 405
    assert client_for(manager).put(NEW).status_code == 405


def test_program_detail_of_unknown_program_is_404(client_for, manager):
    assert (
        client_for(manager).get(reverse("incentives:program-detail", args=[9999])).status_code
        == 404
    )


def test_program_create_saves_with_tiers(client_for, manager):
    gold = ProgramTierFactory(name="Gold", rank=3)
    response = client_for(manager).post(NEW, _form(eligible_tiers=[gold.pk]))
    program = IncentiveProgram.objects.get(name="Focus SPIFF")
    assert response.status_code == 302 and response["Location"] == _detail(program)
    assert list(program.eligible_tiers.all()) == [gold]
    assert program.budget == Decimal("50000")


def test_program_create_errors_at_the_field(client_for, manager):
    IncentiveProgramFactory(name="Focus SPIFF")
    data = _form(budget="0", ends_on=(TODAY - datetime.timedelta(days=1)).isoformat())
    response = client_for(manager).post(NEW, data, **HTMX)
    assert response.status_code == 422
    assert "more than zero" in field_errors(response, "budget")
    assert "cannot end before it starts" in field_errors(response, "ends_on")
    response = client_for(manager).post(NEW, _form(), **HTMX)
    assert response.status_code == 422
    assert "already has this name" in field_errors(response, "name")
    assert IncentiveProgram.objects.count() == 1


def test_program_create_requires_the_behaviour(client_for, manager):
    response = client_for(manager).post(NEW, _form(targeted_behaviour=""))
    assert response.status_code == 422
    assert "required" in field_errors(response, "targeted_behaviour")


def test_program_update_refuses_budget_below_commitments(client_for, manager):
    program = IncentiveProgramFactory(name="Co-op", budget=Decimal("10000"))
    IncentiveClaimFactory(program=program, amount=Decimal("6000"), status=ClaimStatus.APPROVED,
                          decided_by=manager)  # fmt: skip
    url = reverse("incentives:program-update", args=[program.pk])
    client = client_for(manager)
    form = client.get(url)
    assert 'value="Co-op"' in form.content.decode()
    response = client.post(url, edit_of(program, _form(name="Co-op", budget="5000")))
    assert response.status_code == 422
    assert "less than what is already approved" in field_errors(response, "budget")
    response = client.post(url, edit_of(program, _form(name="Co-op", budget="8000")))
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.budget == Decimal("8000")


def test_program_detail_shows_budget_breakdown_and_claims(client_for, manager, partner):
    program = IncentiveProgramFactory(budget=Decimal("10000"))
    IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("1500"),
                          status=ClaimStatus.PAID, decided_by=manager,
                          paid_at="2026-01-01T00:00Z", payment_reference="P-1")  # fmt: skip
    IncentiveClaimFactory(program=program, amount=Decimal("500"), description="Webinar")
    text = page_text(client_for(manager).get(_detail(program)))
    assert "Paid 1,500.00" in text and "Requested 500.00" in text
    assert "Remaining 8,500.00" in text
    assert partner.name in text and "Webinar" in text


def test_program_detail_htmx_page_renders_claim_rows(client_for, manager):
    program = IncentiveProgramFactory()
    IncentiveClaimFactory(program=program)
    response = client_for(manager).get(_detail(program), {"page": 1}, **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="claim-rows"')


def test_decision_from_program_page_returns_there(client_for, manager):
    program = IncentiveProgramFactory()
    claim = IncentiveClaimFactory(program=program)
    response = client_for(manager).post(
        reverse("incentives:claim-approve", args=[claim.pk]), {"next": _detail(program)}
    )
    assert response["Location"] == _detail(program)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_decision_ignores_an_outside_next(client_for, manager):
    claim = IncentiveClaimFactory()
    response = client_for(manager).post(
        reverse("incentives:claim-approve", args=[claim.pk]), {"next": "https://elsewhere.test/"}
    )
    assert response["Location"] == QUEUE


def test_claim_queue_filters_by_program(client_for, manager):
    mine = IncentiveProgramFactory(name="MDF")
    IncentiveClaimFactory(program=mine, description="Trade show")
    IncentiveClaimFactory(description="Radio ads")
    text = page_text(client_for(manager).get(QUEUE, {"program": mine.pk}))
    assert "Trade show" in text and "Radio ads" not in text


def test_claim_queue_htmx_page_renders_rows_only(client_for, manager):
    IncentiveClaimFactory()
    response = client_for(manager).get(QUEUE, {"page": 1}, **HTMX)
    assert response.content.decode().lstrip().startswith('<div id="claim-rows"')


@pytest.mark.parametrize("state", ["running", "upcoming", "ended"])
def test_program_state(state):
    days = {"running": (-1, 1), "upcoming": (1, 5), "ended": (-5, -1)}[state]
    program = IncentiveProgram(
        starts_on=TODAY + datetime.timedelta(days=days[0]),
        ends_on=TODAY + datetime.timedelta(days=days[1]),
    )
    assert program.state == state


def test_program_without_claims_can_be_deleted(client_for, manager):
    program = IncentiveProgramFactory(name="Typo program")
    url = reverse("incentives:program-delete", args=[program.pk])
    assert "Delete" in page_text(client_for(manager).get(_detail(program)))
    assert client_for(manager).get(url).status_code == 405
    response = client_for(manager).post(url)
    assert response["Location"] == LIST
    assert not IncentiveProgram.objects.filter(pk=program.pk).exists()


def test_program_with_claims_is_kept(client_for, manager, partner_admin):
    program = IncentiveProgramFactory()
    IncentiveClaimFactory(program=program)
    url = reverse("incentives:program-delete", args=[program.pk])
    assert client_for(partner_admin).post(url).status_code == 403
    response = client_for(manager).post(url, follow=True)
    assert "kept as history" in page_text(response)
    assert IncentiveProgram.objects.filter(pk=program.pk).exists()


PANEL = reverse("incentives:claims-dashboard-panel")


def test_dashboard_claims_panel_loads_lazily(client_for, manager):
    response = client_for(manager).get(reverse("home"))
    assert PANEL in response.content.decode()


def test_dashboard_claims_panel_counts_waiting_claims_per_currency(client_for, manager):
    eur = IncentiveProgramFactory(name="Focus SPIFF", currency="EUR")
    usd = IncentiveProgramFactory(currency="USD")
    IncentiveClaimFactory.create_batch(2, program=eur, amount=Decimal("1000"))
    IncentiveClaimFactory(program=eur, amount=Decimal("500"), status=ClaimStatus.APPROVED,
                          decided_by=manager)  # fmt: skip
    IncentiveClaimFactory(program=usd, currency="USD", amount=Decimal("300"))
    text = page_text(client_for(manager).get(PANEL))
    assert "2 to decide · 2,000 EUR" in text
    assert "1 approved, to pay · 500 EUR" in text
    assert "1 to decide · 300 USD" in text
    assert "Focus SPIFF" in text  # running programs with their budget bars


def test_dashboard_claims_panel_empty_and_access(client, client_for, manager, partner_admin):
    assert client.get(PANEL).status_code == 302
    assert "No claim is waiting" in page_text(client_for(manager).get(PANEL))
    assert "No incentive program is running" in page_text(client_for(manager).get(PANEL))
    assert client_for(manager).post(PANEL).status_code == 405
    assert client_for(partner_admin).get(PANEL).status_code == 403


def test_dashboard_claims_panel_query_count_constant(client_for, manager, count_queries):
    def count(n):
        for _ in range(n):
            IncentiveClaimFactory.create_batch(3, program=IncentiveProgramFactory())
        return count_queries(client_for(manager), PANEL, warm=True)

    assert count(2) == count(9)


def _claim_url(partner):
    return reverse("incentives:claim-create", args=[partner.slug])


def test_staff_records_a_claim_for_a_partner(client_for, manager, partner):
    program = IncentiveProgramFactory(name="Focus SPIFF", budget=Decimal("5000"))
    client = client_for(manager)
    assert "Focus SPIFF" in page_text(client.get(_claim_url(partner)))
    response = client.post(
        _claim_url(partner),
        {"program": program.pk, "amount": "1200", "description": "Sent by email"},
    )
    assert response["Location"] == _detail(program)
    claim = program.claims.get()
    assert (claim.partner, claim.requested_by, claim.status) == (
        partner, manager, ClaimStatus.REQUESTED
    )  # fmt: skip


def test_staff_claim_errors_at_the_field(client_for, manager, partner):
    program = IncentiveProgramFactory(budget=Decimal("1000"))
    response = client_for(manager).post(
        _claim_url(partner), {"program": program.pk, "amount": "5000", "description": ""}, **HTMX
    )
    assert response.status_code == 422
    assert "remaining budget" in field_errors(response, "amount")
    assert "Describe" in field_errors(response, "description")
    assert not program.claims.exists()


def test_staff_claim_page_access(client, client_for, partner, partner_admin):
    url = _claim_url(partner)
    assert client.get(url).status_code == 302
    assert client_for(partner_admin).get(url).status_code == 403
    assert client_for(partner_admin).delete(url).status_code == 405
    unknown = reverse("incentives:claim-create", args=["no-such-partner"])
    assert client_for(partner_admin).get(unknown).status_code == 403


def test_staff_claim_page_of_unknown_partner_is_404(client_for, manager):
    unknown = reverse("incentives:claim-create", args=["no-such-partner"])
    assert client_for(manager).get(unknown).status_code == 404
