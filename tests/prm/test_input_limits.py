"""Free text has a maximum length and dates a plausible range, whichever way they arrive: a
field error (400 in the API, the form again on pages), never a row of 1 MB or year 9999."""

import pytest
from django.urls import reverse

from partners.models import Partner
from performance.models import DealRegistration
from prm.lib.validators import plausible_date
from prm.models import LONG_TEXT
from tests.helpers import field_errors
from tests.performance.deals_factories import deal_fields

pytestmark = pytest.mark.django_db

DEALS = "/api/v1/deal-registrations/"


def deal_payload(**overrides) -> dict:
    data = deal_fields()
    data["expected_close_on"] = data["expected_close_on"].isoformat()
    data["value"] = str(data["value"])
    return {**data, **overrides}


def test_partner_user_cannot_send_a_megabyte_of_notes(api_for, partner_member):
    response = api_for(partner_member).post(
        DEALS, deal_payload(notes="x" * 1_000_000), format="json"
    )
    assert response.status_code == 400
    assert "notes" in response.json()
    assert not DealRegistration.objects.exists()


def test_text_at_its_limit_is_taken(api_for, partner_member):
    response = api_for(partner_member).post(
        DEALS, deal_payload(notes="x" * LONG_TEXT), format="json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_implausible_close_dates_are_field_errors(api_for, partner_member, day):
    response = api_for(partner_member).post(
        DEALS, deal_payload(expected_close_on=day), format="json"
    )
    assert response.status_code == 400
    assert "expected_close_on" in response.json()


def test_program_start_in_year_one_is_a_field_error(api_for, manager):
    response = api_for(manager).post(
        "/api/v1/incentive-programs/",
        {
            "name": "Year one", "kind": "rebate", "targeted_behaviour": "focus",
            "behaviour_description": "x", "budget": "100.00", "currency": "EUR",
            "starts_on": "0001-01-01", "ends_on": "2030-01-01", "eligible_tiers": [],
        },
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "starts_on" in response.json()


def test_partner_edit_form_refuses_long_notes_and_implausible_dates(client_for, manager, partner):
    response = client_for(manager).post(
        f"/partners/{partner.slug}/edit/",
        {
            "name": partner.name, "country": "DE", "partner_type": partner.partner_type,
            "status": partner.status, "owner": partner.owner_id, "version": partner.version,
            "internal_notes": "x" * (LONG_TEXT + 1), "joined_on": "9999-12-31",
        },
    )  # fmt: skip
    assert response.status_code == 422
    assert "at most 10000 characters" in field_errors(response, "internal_notes")
    assert "between 1990-01-01 and 2100-12-31" in field_errors(response, "joined_on")
    partner.refresh_from_db()
    assert partner.joined_on is None


def test_the_model_refuses_what_a_form_did_not_check(partner):
    from django.core.exceptions import ValidationError

    partner.description = "x" * (LONG_TEXT + 1)
    with pytest.raises(ValidationError) as error:
        partner.full_clean()
    assert "description" in error.value.message_dict
    assert Partner._meta.get_field("joined_on").validators == [plausible_date]


def test_program_form_refuses_a_start_in_year_one(client_for, manager):
    response = client_for(manager).post(
        reverse("incentives:program-create"),
        {
            "name": "Year one", "kind": "rebate", "targeted_behaviour": "focus",
            "behaviour_description": "x", "budget": "100.00", "currency": "EUR",
            "starts_on": "0001-01-01", "ends_on": "2030-01-01",
        },
    )  # fmt: skip
    assert response.status_code == 422
    assert "between 1990-01-01 and 2100-12-31" in field_errors(response, "starts_on")


def test_deal_rejection_reason_has_a_maximum_length(api_for, manager, partner):
    from tests.performance.deals_factories import DealRegistrationFactory

    deal = DealRegistrationFactory(partner=partner)
    response = api_for(manager).post(
        f"{DEALS}{deal.pk}/reject/", {"reason": "x" * 1_000_000}, format="json"
    )
    assert response.status_code == 400 and "reason" in response.json()
