"""Incentive programs and claims in the Django admin: programs saved through their services
(errors at their fields), claims read only and approved in bulk through `claim_approve`."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from incentives.models import ClaimStatus, IncentiveClaim, IncentiveProgram
from tests.factories import PartnerFactory, ProgramTierFactory
from tests.helpers import edit_of

from .claims_factories import IncentiveClaimFactory, IncentiveProgramFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:incentives_{model}_{view}", args=args)


def program_form(**overrides) -> dict:
    return {
        "name": "Loyalty Award", "kind": "award", "targeted_behaviour": "loyalty",
        "behaviour_description": "Stay with us", "budget": "20000.00", "currency": "EUR",
        "starts_on": TODAY().isoformat(),
        "ends_on": (TODAY() + datetime.timedelta(days=365)).isoformat(),
        **overrides,
    }  # fmt: skip


def form_errors(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    return response.context["adminform"].form.errors


@pytest.fixture
def program():
    program = IncentiveProgramFactory(name="Cloud Rebate", budget=Decimal("5000"))
    IncentiveClaimFactory(program=program, amount=Decimal("1500"), status=ClaimStatus.APPROVED)
    IncentiveClaimFactory(program=program, amount=Decimal("900"))  # requested: not committed
    return program


# --- programs ---------------------------------------------------------------------------------


def test_program_changelist_shows_kind_budget_period_and_committed(client_for, admin_user, program):
    response = client_for(admin_user).get(url("incentiveprogram", "changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Cloud Rebate" in content and "Rebate" in content
    assert "5,000.00 EUR" in content  # budget
    assert "1,500.00 EUR" in content  # committed: the approved claim, not the requested one
    assert f"{program.starts_on:%Y-%m-%d} – {program.ends_on:%Y-%m-%d}" in content


def test_program_changelist_filters_and_search(client_for, admin_user, program):
    ended = IncentiveProgramFactory(
        name="Old MDF", kind="mdf", starts_on=TODAY() - datetime.timedelta(days=90),
        ends_on=TODAY() - datetime.timedelta(days=1),
    )  # fmt: skip
    client = client_for(admin_user)
    changelist = url("incentiveprogram", "changelist")

    running = client.get(changelist, {"running": "running"})
    over = client.get(changelist, {"running": "ended"})
    mdf = client.get(changelist, {"kind__exact": "mdf"})
    searched = client.get(changelist, {"q": "cloud"})

    assert list(running.context["cl"].result_list) == [program]
    assert list(over.context["cl"].result_list) == [ended]
    assert list(mdf.context["cl"].result_list) == [ended]
    assert list(searched.context["cl"].result_list) == [program]


def test_program_changelist_query_count_is_constant(client_for, admin_user, count_queries):
    client = client_for(admin_user)
    changelist = url("incentiveprogram", "changelist")
    measured = []
    for size in (3, 30):
        for _ in range(size - IncentiveProgram.objects.count()):
            IncentiveClaimFactory(program=IncentiveProgramFactory(), status=ClaimStatus.APPROVED)
        assert client.get(changelist).context["cl"].result_count == size
        measured.append(count_queries(client, changelist))

    assert measured[0] == measured[1]


def test_program_add_and_change_forms_render(client_for, admin_user, program):
    client = client_for(admin_user)

    added = client.get(url("incentiveprogram", "add"))
    changed = client.get(url("incentiveprogram", "change", program.pk))

    assert added.status_code == changed.status_code == 200
    for response in (added, changed):
        assert 'class="selectfilter"' in response.content.decode()  # eligible tiers side by side
    assert "1,500.00 EUR" in changed.content.decode()  # committed, read only


def test_program_add_goes_through_the_service(client_for, admin_user):
    silver = ProgramTierFactory(name="Silver", rank=2)

    response = client_for(admin_user).post(
        url("incentiveprogram", "add"), program_form(eligible_tiers=[silver.pk])
    )

    assert response.status_code == 302, form_errors(response)
    program = IncentiveProgram.objects.get()
    assert program.name == "Loyalty Award" and list(program.eligible_tiers.all()) == [silver]
    entries = LogEntry.objects.get_for_object(program)
    assert entries.get(action=LogEntry.Action.CREATE).actor == admin_user


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"ends_on": (TODAY() - datetime.timedelta(days=1)).isoformat()}, "ends_on",
         "The program cannot end before it starts."),
        ({"name": "cloud rebate"}, "name", "Another program already has this name."),
        ({"budget": "0"}, "budget", "The budget must be more than zero."),
    ],
)  # fmt: skip
def test_program_add_shows_the_services_errors_at_their_fields(
    client_for, admin_user, program, overrides, field, message
):
    response = client_for(admin_user).post(
        url("incentiveprogram", "add"), program_form(**overrides)
    )

    assert form_errors(response)[field] == [message]
    assert message in response.content.decode()
    assert IncentiveProgram.objects.count() == 1


def test_program_change_refuses_a_budget_below_what_is_approved(client_for, admin_user, program):
    form = edit_of(program, program_form(name=program.name, budget="1000.00"))

    refused = client_for(admin_user).post(url("incentiveprogram", "change", program.pk), form)
    accepted = client_for(admin_user).post(
        url("incentiveprogram", "change", program.pk), {**form, "budget": "1500.00"}
    )

    assert form_errors(refused)["budget"] == [
        "The budget cannot be less than what is already approved."
    ]
    assert accepted.status_code == 302
    program.refresh_from_db()
    assert program.budget == Decimal("1500.00")


def test_program_with_claims_cannot_be_deleted(client_for, admin_user, program):
    response = client_for(admin_user).post(
        url("incentiveprogram", "delete", program.pk), {"post": "yes"}
    )

    assert response.status_code == 200
    assert "Cannot delete incentive program" in response.content.decode()
    assert IncentiveProgram.objects.filter(pk=program.pk).exists()


def test_incentive_admin_is_closed_to_partner_users_and_managers(
    client_for, partner_admin, manager
):
    for user in (partner_admin, manager):
        for model in ("incentiveprogram", "incentiveclaim"):
            response = client_for(user).get(url(model, "changelist"))
            assert response.status_code == 302 and "login" in response["Location"]


# --- claims -----------------------------------------------------------------------------------


def test_claim_changelist_lists_filters_and_searches(client_for, admin_user, program, partner):
    mine = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("321"))
    client = client_for(admin_user)
    changelist = url("incentiveclaim", "changelist")

    listed = client.get(changelist)
    requested = client.get(changelist, {"status__exact": "requested"})
    searched = client.get(changelist, {"q": "Acme"})

    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 3
    assert "Acme Systems" in listed.content.decode() and "321.00" in listed.content.decode()
    assert requested.context["cl"].result_count == 2
    assert list(searched.context["cl"].result_list) == [mine]


def test_claim_changelist_query_count_is_constant(client_for, admin_user, count_queries):
    client = client_for(admin_user)
    changelist = url("incentiveclaim", "changelist")
    measured = []
    for size in (3, 30):
        for _ in range(size - IncentiveClaim.objects.count()):
            IncentiveClaimFactory(partner=PartnerFactory())
        assert client.get(changelist).context["cl"].result_count == size
        measured.append(count_queries(client, changelist))

    assert measured[0] == measured[1]


def test_claim_change_form_is_read_only(client_for, admin_user, program):
    claim = program.claims.get(status=ClaimStatus.REQUESTED)
    client = client_for(admin_user)

    page = client.get(url("incentiveclaim", "change", claim.pk))
    posted = client.post(
        url("incentiveclaim", "change", claim.pk), {"amount": "1", "status": "paid"}
    )

    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="amount"' not in content and 'name="status"' not in content
    assert "Joint webinar with 40 attendees" in content
    assert posted.status_code == 403
    claim.refresh_from_db()
    assert (claim.amount, claim.status) == (Decimal("900.00"), ClaimStatus.REQUESTED)


def test_claims_cannot_be_added_or_deleted_in_the_admin(client_for, admin_user, program):
    claim = program.claims.first()
    client = client_for(admin_user)

    added = client.get(url("incentiveclaim", "add"))
    deleted = client.post(url("incentiveclaim", "delete", claim.pk), {"post": "yes"})
    changelist = client.get(url("incentiveclaim", "changelist")).content.decode()

    assert added.status_code == deleted.status_code == 403
    assert "delete_selected" not in changelist and "approve_selected" in changelist
    assert IncentiveClaim.objects.filter(pk=claim.pk).exists()


def test_claim_approve_action_approves_within_budget_and_reports_the_rest(
    client_for, admin_user, partner, other_partner
):
    program = IncentiveProgramFactory(budget=Decimal("1500"))
    first = IncentiveClaimFactory(program=program, partner=partner, amount=Decimal("1000"))
    second = IncentiveClaimFactory(program=program, partner=other_partner, amount=Decimal("800"))
    paid = IncentiveClaimFactory(
        program=IncentiveProgramFactory(), status=ClaimStatus.PAID,
        paid_at=datetime.datetime.now(datetime.UTC), payment_reference="PAY-7",
    )  # fmt: skip

    response = client_for(admin_user).post(
        url("incentiveclaim", "changelist"),
        {"action": "approve_selected", "_selected_action": [second.pk, first.pk, paid.pk]},
        follow=True,
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "1 claim approved." in content
    assert "Only 500.00 EUR of the budget remains." in content
    assert "This claim is already Paid." in content
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.decided_by) == (ClaimStatus.APPROVED, admin_user)
    assert second.status == ClaimStatus.REQUESTED  # the later request waits for more budget
    assert LogEntry.objects.get_for_object(first).filter(actor=admin_user).exists()
