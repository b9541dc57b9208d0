"""API of incentive programs and claims: staff manage programs and decide claims; a partner
user reads the programs open to them (never their spending) and requests and reads their own
partner's claims."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from drf_spectacular.validation import validate_schema
from rest_framework.pagination import PageNumberPagination

from incentives.models import ClaimStatus, IncentiveClaim, IncentiveProgram
from tests.factories import PartnerFactory, ProgramTierFactory

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory

pytestmark = pytest.mark.django_db

PROGRAMS = "/api/v1/incentive-programs/"
CLAIMS = "/api/v1/incentive-claims/"
TODAY = datetime.date.today


def days(n: int) -> str:
    return (TODAY() + datetime.timedelta(days=n)).isoformat()


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def program_payload(**overrides) -> dict:
    return {
        "name": "Cloud Focus Rebate", "kind": "rebate", "targeted_behaviour": "focus",
        "behaviour_description": "Sell the cloud bundle", "budget": "50000.00",
        "currency": "EUR", "starts_on": days(-1), "ends_on": days(90), "eligible_tiers": [],
        **overrides,
    }  # fmt: skip


def ended_program(**fields):
    return IncentiveProgramFactory(
        starts_on=TODAY() - datetime.timedelta(days=60),
        ends_on=TODAY() - datetime.timedelta(days=1),
        **fields,
    )


@pytest.fixture
def silver(partner, other_partner):
    """`partner` is Silver, `other_partner` (the outsider's) is Gold."""
    silver, gold = (
        ProgramTierFactory(name="Silver", rank=2),
        ProgramTierFactory(name="Gold", rank=3),
    )
    partner.tier, other_partner.tier = silver, gold
    partner.save()
    other_partner.save()
    return silver


@pytest.fixture
def gold(silver):
    return ProgramTierFactory(name="Gold")  # get-or-create by name


def claim_payload(program, **overrides) -> dict:
    return {"program": program.pk, "amount": "1234.50", "description": "Joint webinar", **overrides}


# --- programs: who may do what ----------------------------------------------------------------


def test_incentive_api_requires_authentication(api_for):
    for url in (PROGRAMS, CLAIMS):
        assert api_for().get(url).status_code in (401, 403)


def test_program_create_by_staff_goes_through_the_service(api_for, manager, silver, gold):
    payload = program_payload(eligible_tiers=[silver.pk, gold.pk])

    response = api_for(manager).post(PROGRAMS, payload, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(body["eligible_tiers"]) == sorted([silver.pk, gold.pk])
    assert (body["budget"], body["committed"], body["remaining"]) == (
        "50000.00", "0.00", "50000.00",
    )  # fmt: skip
    program = IncentiveProgram.objects.get(pk=body["id"])
    assert set(program.eligible_tiers.all()) == {silver, gold}
    entries = LogEntry.objects.get_for_object(program)
    assert entries.get(action=LogEntry.Action.CREATE).actor == manager


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"ends_on": days(-10)}, "ends_on", "cannot end before it starts"),
        ({"name": "EXISTING program"}, "name", "already has this name"),
        ({"budget": "0"}, "budget", "more than zero"),
        ({"kind": "bribe"}, "kind", "not a valid choice"),
        ({"eligible_tiers": [999999]}, "eligible_tiers", "does not exist"),
    ],
)
def test_program_create_invalid_answers_400_at_the_field(
    api_for, manager, overrides, field, message
):
    IncentiveProgramFactory(name="Existing Program")

    response = api_for(manager).post(PROGRAMS, program_payload(**overrides), format="json")

    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert IncentiveProgram.objects.count() == 1


def test_program_update_and_partial_update_through_the_service(api_for, manager, silver):
    program = IncentiveProgramFactory(budget=Decimal("5000"))
    IncentiveClaimFactory(program=program, amount=Decimal("3000"), status=ClaimStatus.APPROVED)
    api = api_for(manager)

    patched = api.patch(f"{PROGRAMS}{program.pk}/", {"budget": "8000"}, format="json")
    put = api.put(
        f"{PROGRAMS}{program.pk}/",
        program_payload(name=program.name, budget="9000", eligible_tiers=[silver.pk]),
        format="json",
    )
    below = api.patch(f"{PROGRAMS}{program.pk}/", {"budget": "2999"}, format="json")

    assert patched.status_code == 200
    assert (patched.json()["committed"], patched.json()["remaining"]) == ("3000.00", "5000.00")
    assert put.status_code == 200 and put.json()["eligible_tiers"] == [silver.pk]
    assert put.json()["remaining"] == "6000.00"
    assert below.status_code == 400
    assert below.json()["budget"] == ["The budget cannot be less than what is already approved."]
    program.refresh_from_db()
    assert program.budget == Decimal("9000")


def test_program_delete_only_without_claims(api_for, manager, partner_member):
    program = IncentiveProgramFactory()
    kept = IncentiveProgramFactory()
    IncentiveClaimFactory(program=kept)

    assert api_for(partner_member).delete(f"{PROGRAMS}{program.pk}/").status_code == 403
    refused = api_for(manager).delete(f"{PROGRAMS}{kept.pk}/")
    assert refused.status_code == 400
    assert "kept as history" in refused.json()[0]
    assert api_for(manager).delete(f"{PROGRAMS}{program.pk}/").status_code == 204
    assert list(IncentiveProgram.objects.all()) == [kept]


def test_program_partner_user_is_read_only(api_for, partner_member):
    program = IncentiveProgramFactory()
    api = api_for(partner_member)

    assert api.post(PROGRAMS, program_payload(), format="json").status_code == 403
    assert api.patch(f"{PROGRAMS}{program.pk}/", {"budget": "1"}, format="json").status_code == 403
    assert api.put(f"{PROGRAMS}{program.pk}/", program_payload()).status_code == 403
    program.refresh_from_db()
    assert program.budget == Decimal("10000.00")


# --- programs: what each one sees -------------------------------------------------------------


def test_program_staff_sees_committed_and_remaining_from_decided_claims(api_for, manager):
    program = IncentiveProgramFactory(budget=Decimal("10000"))
    IncentiveClaimFactory(program=program, amount=Decimal("1000"), status="approved")
    IncentiveClaimFactory(program=program, amount=Decimal("700"), status="requested")
    IncentiveClaimFactory(
        program=program, amount=Decimal("300"), status="rejected", rejection_reason="No proof"
    )
    IncentiveClaimFactory(
        program=program, amount=Decimal("500"), status=ClaimStatus.PAID,
        paid_at=datetime.datetime.now(datetime.UTC), payment_reference="PAY-1",
    )  # fmt: skip
    IncentiveProgramFactory(name="Untouched")

    rows = {row["name"]: row for row in api_for(manager).get(PROGRAMS).json()["results"]}
    detail = api_for(manager).get(f"{PROGRAMS}{program.pk}/").json()

    spent, untouched = rows[program.name], rows["Untouched"]
    assert (spent["committed"], spent["remaining"]) == ("1500.00", "8500.00")
    assert (detail["committed"], detail["remaining"]) == ("1500.00", "8500.00")
    assert (untouched["committed"], untouched["remaining"]) == ("0.00", "10000.00")


def test_program_partner_user_sees_only_running_programs_open_to_their_tier(
    api_for, partner_member, outsider, silver, gold
):
    for_everyone = IncentiveProgramFactory(name="Everyone")
    for_silver = IncentiveProgramFactory(name="Silver only")
    for_silver.eligible_tiers.set([silver])
    for_gold = IncentiveProgramFactory(name="Gold only")
    for_gold.eligible_tiers.set([gold])
    ended = ended_program()
    upcoming = IncentiveProgramFactory(starts_on=TODAY() + datetime.timedelta(days=1))
    api = api_for(partner_member)

    assert ids(api.get(PROGRAMS)) == {for_everyone.pk, for_silver.pk}
    assert ids(api_for(outsider).get(PROGRAMS)) == {for_everyone.pk, for_gold.pk}
    for hidden in (for_gold, ended, upcoming):
        assert api.get(f"{PROGRAMS}{hidden.pk}/").status_code == 404
    assert api_for(outsider).get(f"{PROGRAMS}{for_silver.pk}/").status_code == 404


def test_program_partner_user_never_sees_spending(api_for, partner_member, other_partner):
    program = IncentiveProgramFactory()
    IncentiveClaimFactory(
        program=program, partner=other_partner, amount=Decimal("4000"), status="approved"
    )
    api = api_for(partner_member)

    listed = api.get(PROGRAMS).json()["results"][0]
    detail = api.get(f"{PROGRAMS}{program.pk}/").json()

    for row in (listed, detail):
        assert row["id"] == program.pk
        assert "committed" not in row and "remaining" not in row
        assert "4000" not in str(row) and "6000" not in str(row)


def test_program_partner_user_without_membership_sees_nothing(api_for):
    from tests.factories import UserFactory

    IncentiveProgramFactory()
    lonely = UserFactory(username="no-partner", role="partner_user")

    assert ids(api_for(lonely).get(PROGRAMS)) == set()


def test_program_filters_kind_behaviour_and_active(api_for, manager):
    rebate = IncentiveProgramFactory(kind="rebate", targeted_behaviour="loyalty")
    mdf = IncentiveProgramFactory(kind="mdf", targeted_behaviour="results")
    ended = ended_program(kind="mdf")
    api = api_for(manager)

    assert ids(api.get(PROGRAMS, {"kind": "mdf"})) == {mdf.pk, ended.pk}
    assert ids(api.get(PROGRAMS, {"targeted_behaviour": "loyalty"})) == {rebate.pk}
    assert ids(api.get(PROGRAMS, {"active": "true"})) == {rebate.pk, mdf.pk}
    assert ids(api.get(PROGRAMS, {"active": "false"})) == {ended.pk}
    assert ids(api.get(PROGRAMS, {"kind": "mdf", "active": "true"})) == {mdf.pk}
    assert api.get(PROGRAMS, {"kind": "bribe"}).status_code == 400


def test_program_list_is_paginated(api_for, manager, monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    IncentiveProgramFactory.create_batch(3)
    api = api_for(manager)

    first = api.get(PROGRAMS, {"ordering": "name"}).json()
    second = api.get(PROGRAMS, {"ordering": "name", "page": 2}).json()

    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    assert len(second["results"]) == 1 and second["next"] is None


@pytest.mark.parametrize("persona", ["manager", "partner_member"])
def test_program_list_query_count_is_constant(api_for, request, persona, silver, count_queries):
    user = request.getfixturevalue(persona)
    api = api_for(user)
    measured = []
    for size in (3, 30):
        for _ in range(size - IncentiveProgram.objects.count()):
            program = IncentiveProgramFactory()
            program.eligible_tiers.set([silver])
            IncentiveClaimFactory(program=program, status="approved")
        assert api.get(PROGRAMS).json()["count"] == size
        measured.append(count_queries(api, PROGRAMS))

    assert measured[0] == measured[1]


# --- claims: scope ----------------------------------------------------------------------------


def test_claims_partner_user_sees_own_partner_only(
    api_for, manager, partner, other_partner, partner_member, outsider
):
    own = IncentiveClaimFactory(partner=partner)
    theirs = IncentiveClaimFactory(partner=other_partner)

    assert ids(api_for(partner_member).get(CLAIMS)) == {own.pk}
    assert ids(api_for(outsider).get(CLAIMS)) == {theirs.pk}
    assert ids(api_for(manager).get(CLAIMS)) == {own.pk, theirs.pk}
    assert api_for(partner_member).get(f"{CLAIMS}{own.pk}/").status_code == 200
    assert api_for(outsider).get(f"{CLAIMS}{own.pk}/").status_code == 404
    assert api_for(partner_member).get(CLAIMS, {"partner": other_partner.pk}).json()["count"] == 0


def test_claim_detail_shows_status_decision_payment_and_money(api_for, partner_member, partner):
    claim = IncentiveClaimFactory(
        partner=partner, amount=Decimal("1500"), currency="GBP", status=ClaimStatus.REJECTED,
        rejection_reason="No proof of the event", decided_at=datetime.datetime.now(datetime.UTC),
    )  # fmt: skip

    body = api_for(partner_member).get(f"{CLAIMS}{claim.pk}/").json()

    assert (body["amount"], body["currency"], body["status"]) == ("1500.00", "GBP", "rejected")
    assert body["rejection_reason"] == "No proof of the event" and body["decided_at"]
    assert body["paid_at"] is None and body["payment_reference"] is None
    assert body["partner"] == partner.pk and body["program_name"] == claim.program.name


# --- claims: requests -------------------------------------------------------------------------


def test_claim_create_by_partner_user_is_for_their_own_partner(api_for, partner, partner_member):
    program = IncentiveProgramFactory(currency="USD")

    response = api_for(partner_member).post(CLAIMS, claim_payload(program))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["partner"], body["status"], body["amount"], body["currency"]) == (
        partner.pk, "requested", "1234.50", "USD",
    )  # fmt: skip
    claim = IncentiveClaim.objects.get(pk=body["id"])
    assert (claim.partner, claim.requested_by) == (partner, partner_member)


def test_claim_create_by_partner_user_for_another_partner_is_refused(
    api_for, partner_member, other_partner
):
    program = IncentiveProgramFactory()

    response = api_for(partner_member).post(
        CLAIMS, claim_payload(program, partner=other_partner.pk)
    )

    assert response.status_code == 400 and "partner" in response.json()
    assert not IncentiveClaim.objects.exists()


def test_claim_create_by_staff_for_a_given_partner(api_for, manager, partner):
    program = IncentiveProgramFactory()
    api = api_for(manager)

    missing = api.post(CLAIMS, claim_payload(program))
    created = api.post(CLAIMS, claim_payload(program, partner=partner.pk))

    assert missing.status_code == 400 and "partner" in missing.json()
    assert created.status_code == 201 and created.json()["partner"] == partner.pk
    assert IncentiveClaim.objects.get().requested_by == manager


def test_claim_create_over_the_remaining_budget_is_400_at_amount(api_for, partner, partner_member):
    program = IncentiveProgramFactory(budget=Decimal("2000"))
    IncentiveClaimFactory(program=program, amount=Decimal("1500"), status="approved")

    response = api_for(partner_member).post(CLAIMS, claim_payload(program, amount="501"))

    assert response.status_code == 400
    assert response.json() == {
        "amount": ["The amount is more than the program's remaining budget."]
    }
    assert not IncentiveClaim.objects.filter(partner=partner).exists()


def test_claim_create_for_a_program_not_open_to_the_partner_is_400_at_program(
    api_for, manager, partner, partner_member, silver, gold
):
    gold_only = IncentiveProgramFactory()
    gold_only.eligible_tiers.set([gold])

    by_partner = api_for(partner_member).post(CLAIMS, claim_payload(gold_only))
    by_staff = api_for(manager).post(CLAIMS, claim_payload(gold_only, partner=partner.pk))
    invalid = api_for(partner_member).post(
        CLAIMS, claim_payload(gold_only, amount="0", description="")
    )

    assert by_partner.status_code == by_staff.status_code == invalid.status_code == 400
    assert "program" in by_partner.json()
    assert by_staff.json() == {"program": ["This program is not open to your partner tier today."]}
    assert {"program", "description"} <= set(invalid.json())
    assert not IncentiveClaim.objects.exists()


def test_claim_cannot_be_updated_or_deleted(api_for, manager, partner, partner_member):
    claim = IncentiveClaimFactory(partner=partner)
    url = f"{CLAIMS}{claim.pk}/"

    for user in (manager, partner_member):
        api = api_for(user)
        assert api.put(url, {"amount": "1", "description": "x"}).status_code == 405
        assert api.patch(url, {"amount": "1"}).status_code == 405
        assert api.delete(url).status_code == 405
    claim.refresh_from_db()
    assert claim.amount == Decimal("1000.00")


# --- claims: decisions ------------------------------------------------------------------------


def test_claim_approve_and_pay_by_staff_then_second_pay_is_400(api_for, manager, partner):
    claim = IncentiveClaimFactory(partner=partner)
    api = api_for(manager)

    approved = api.post(f"{CLAIMS}{claim.pk}/approve/")
    paid = api.post(f"{CLAIMS}{claim.pk}/pay/", {"payment_reference": "SEPA-2026-001"})
    again = api.post(f"{CLAIMS}{claim.pk}/pay/", {"payment_reference": "SEPA-2026-002"})

    assert approved.status_code == 200
    assert approved.json()["status"] == "approved" and approved.json()["decided_at"]
    assert approved.json()["decided_by"] == str(manager)
    assert paid.status_code == 200
    assert (paid.json()["status"], paid.json()["payment_reference"]) == ("paid", "SEPA-2026-001")
    assert paid.json()["paid_at"]
    assert again.status_code == 400
    assert again.json() == {"status": ["This claim has already been paid."]}
    claim.refresh_from_db()
    assert claim.payment_reference == "SEPA-2026-001"


def test_claim_pay_needs_an_approved_claim_and_a_reference(api_for, manager, partner):
    claim = IncentiveClaimFactory(partner=partner)
    api = api_for(manager)

    unapproved = api.post(f"{CLAIMS}{claim.pk}/pay/", {"payment_reference": "R-1"})
    api.post(f"{CLAIMS}{claim.pk}/approve/")
    blank = api.post(f"{CLAIMS}{claim.pk}/pay/", {"payment_reference": "  "})
    missing = api.post(f"{CLAIMS}{claim.pk}/pay/", {})

    assert unapproved.status_code == 400 and "status" in unapproved.json()
    assert blank.status_code == 400 and "payment_reference" in blank.json()
    assert missing.status_code == 400 and "payment_reference" in missing.json()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_claim_approve_over_budget_is_400(api_for, manager, partner, other_partner):
    program = IncentiveProgramFactory(budget=Decimal("1500"))
    IncentiveClaimFactory(
        program=program, partner=other_partner, amount=Decimal("1000"), status="approved"
    )
    claim = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("800"))

    response = api_for(manager).post(f"{CLAIMS}{claim.pk}/approve/")

    assert response.status_code == 400
    assert response.json() == {"amount": ["Only 500.00 EUR of the budget remains."]}


def test_claim_reject_needs_a_reason(api_for, manager, partner):
    claim = IncentiveClaimFactory(partner=partner)
    api = api_for(manager)

    blank = api.post(f"{CLAIMS}{claim.pk}/reject/", {"reason": ""})
    rejected = api.post(f"{CLAIMS}{claim.pk}/reject/", {"reason": "No proof of the event"})
    twice = api.post(f"{CLAIMS}{claim.pk}/reject/", {"reason": "Still none"})

    assert blank.status_code == 400 and "reason" in blank.json()
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["rejection_reason"]) == (
        "rejected", "No proof of the event",
    )  # fmt: skip
    assert twice.status_code == 400 and "status" in twice.json()


@pytest.mark.parametrize("verb", ["approve", "reject", "pay"])
def test_claim_decisions_are_403_for_partner_users_and_404_for_outsiders(
    api_for, partner, partner_admin, outsider, verb
):
    claim = IncentiveClaimFactory(partner=partner)
    url = f"{CLAIMS}{claim.pk}/{verb}/"
    body = {"reason": "x", "payment_reference": "R-9"}

    assert api_for(partner_admin).post(url, body).status_code == 403
    assert api_for(outsider).post(url, body).status_code == 404
    assert api_for(partner_admin).get(url).status_code == 405
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REQUESTED


def test_claim_decision_wrong_method_is_405(api_for, manager):
    claim = IncentiveClaimFactory()

    assert api_for(manager).get(f"{CLAIMS}{claim.pk}/approve/").status_code == 405
    assert api_for(manager).put(f"{CLAIMS}{claim.pk}/pay/", {}).status_code == 405


# --- claims: filters, pages and queries -------------------------------------------------------


def test_claim_filters_status_program_and_partner(api_for, manager, partner, other_partner):
    program = IncentiveProgramFactory()
    requested = IncentiveClaimFactory(partner=partner, program=program)
    approved = IncentiveClaimFactory(partner=other_partner, program=program, status="approved")
    elsewhere = IncentiveClaimFactory(partner=partner)
    api = api_for(manager)

    assert ids(api.get(CLAIMS, {"status": "approved"})) == {approved.pk}
    assert ids(api.get(CLAIMS, {"program": program.pk})) == {requested.pk, approved.pk}
    assert ids(api.get(CLAIMS, {"partner": partner.pk})) == {requested.pk, elsewhere.pk}
    assert ids(api.get(CLAIMS, {"partner": partner.pk, "program": program.pk})) == {requested.pk}
    assert api.get(CLAIMS, {"status": "stolen"}).status_code == 400


def test_claim_list_is_paginated(api_for, partner, partner_member, monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    IncentiveClaimFactory.create_batch(3, partner=partner)
    api = api_for(partner_member)

    first = api.get(CLAIMS).json()
    second = api.get(CLAIMS, {"page": 2}).json()

    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    assert len(second["results"]) == 1 and second["previous"]
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}


@pytest.mark.parametrize("persona", ["manager", "partner_member"])
def test_claim_list_query_count_is_constant(
    api_for, request, persona, partner, manager, count_queries
):
    user = request.getfixturevalue(persona)
    api = api_for(user)
    measured = []
    for size in (3, 30):
        for _ in range(size - IncentiveClaim.objects.filter(partner=partner).count()):
            IncentiveClaimFactory(
                partner=partner, program=IncentiveProgramFactory(), status="approved",
                decided_by=manager, decided_at=datetime.datetime.now(datetime.UTC),
            )  # fmt: skip
        IncentiveClaimFactory(partner=PartnerFactory())  # another partner's: filtered out
        assert api.get(CLAIMS, {"partner": partner.pk}).json()["count"] == size
        measured.append(count_queries(api, f"{CLAIMS}?partner={partner.pk}"))

    assert measured[0] == measured[1]


# --- schema -----------------------------------------------------------------------------------


def test_schema_documents_programs_and_claims(api_for, manager):
    response = api_for(manager).get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    paths = schema["paths"]
    assert set(paths[PROGRAMS]) == {"get", "post"}
    assert set(paths[f"{PROGRAMS}{{id}}/"]) == {"get", "put", "patch", "delete"}
    assert set(paths[CLAIMS]) == {"get", "post"}
    assert set(paths[f"{CLAIMS}{{id}}/"]) == {"get"}
    for verb in ("approve", "reject", "pay"):
        assert set(paths[f"{CLAIMS}{{id}}/{verb}/"]) == {"post"}
    filters = {p["name"] for p in paths[PROGRAMS]["get"]["parameters"]}
    assert {"kind", "targeted_behaviour", "active", "page"} <= filters
    filters = {p["name"] for p in paths[CLAIMS]["get"]["parameters"]}
    assert {"status", "program", "partner", "page"} <= filters
    program = schema["components"]["schemas"]["IncentiveProgram"]["properties"]
    assert program["committed"]["readOnly"] and program["remaining"]["readOnly"]


def test_claim_browsable_form_offers_a_partner_user_only_their_own_choices(
    api_for, partner_member, other_partner, silver, gold
):
    IncentiveProgramFactory(name="Open To All")
    IncentiveProgramFactory(name="Gold Secret Rebate").eligible_tiers.set([gold])

    response = api_for(partner_member).get(CLAIMS, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Open To All" in content  # the create form's program choices
    assert "Gold Secret Rebate" not in content and other_partner.name not in content
