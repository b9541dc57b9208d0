"""Culture in the Django admin: assessments with their ratings inline and the dominant type
computed by `culture_profile`, the "make current" action through the service, and the fixed 20
descriptors and guidelines whose text admins edit but never add or delete."""

import pytest
from django.contrib import admin
from django.urls import reverse

from relationships.culture import DIMENSIONS, TYPES
from relationships.models import (
    CultureAssessment,
    CultureDescriptor,
    CultureGuideline,
    CultureRating,
)
from tests.factories import CultureAssessmentFactory, PartnerFactory
from tests.helpers import edit_of

ENTREPRENEURIAL = {(d, t): 4 if t == "entrepreneurial" else 1 for d in DIMENSIONS for t in TYPES}


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:relationships_{model}_{view}", args=args)


@pytest.fixture
def assessment(partner, manager):
    return CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=ENTREPRENEURIAL)


@pytest.fixture
def ours(manager):
    return CultureAssessmentFactory(partner=None, is_own=True, assessed_by=manager)


def test_culture_rating_is_not_registered_on_its_own(db):
    assert CultureRating not in admin.site._registry
    assert {CultureAssessment, CultureDescriptor, CultureGuideline} <= set(admin.site._registry)


def test_culture_assessment_changelist_shows_subject_and_dominant_type(
    client_for, admin_user, assessment, ours
):
    response = client_for(admin_user).get(url("cultureassessment", "changelist"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Acme Systems" in content and "Our culture" in content
    assert "Entrepreneurial" in content
    assert "Not rated" in content  # our profile has no ratings


def test_culture_assessment_changelist_search_and_filters(
    client_for, admin_user, assessment, ours, other_partner, manager
):
    CultureAssessmentFactory(partner=other_partner, assessed_by=manager)
    client = client_for(admin_user)

    searched = client.get(url("cultureassessment", "changelist"), {"q": "Globex"})
    own_only = client.get(url("cultureassessment", "changelist"), {"is_own__exact": "1"})

    assert searched.status_code == own_only.status_code == 200
    assert searched.context["cl"].result_count == 1
    assert list(own_only.context["cl"].result_list) == [ours]


def test_culture_assessment_changelist_query_count_is_constant(
    client_for, admin_user, manager, count_queries
):
    client = client_for(admin_user)
    changelist = url("cultureassessment", "changelist")
    measured = []
    for size in (2, 10):
        for _ in range(size - CultureAssessment.objects.count()):
            CultureAssessmentFactory(
                partner=PartnerFactory(), assessed_by=manager, ratings=ENTREPRENEURIAL
            )
        assert client.get(changelist).context["cl"].result_count == size
        measured.append(count_queries(client, changelist))

    assert measured[0] == measured[1]


def test_culture_assessment_change_form_shows_the_ratings_inline(
    client_for, admin_user, assessment
):
    response = client_for(admin_user).get(url("cultureassessment", "change", assessment.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "ratings-TOTAL_FORMS" in content
    assert 'value="20"' in content  # the 20 ratings, one inline row each
    assert "Entrepreneurial" in content  # the computed dominant type, read-only


def test_culture_assessment_add_form_renders(client_for, admin_user):
    response = client_for(admin_user).get(url("cultureassessment", "add"))

    assert response.status_code == 200
    assert "ratings-TOTAL_FORMS" in response.content.decode()


def test_culture_assessment_admin_is_closed_to_partner_users_and_managers(
    client_for, partner_admin, manager, assessment
):
    changelist = url("cultureassessment", "changelist")

    partner_user = client_for(partner_admin).get(changelist)
    channel_manager = client_for(manager).get(changelist)

    for response in (partner_user, channel_manager):
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_culture_admin_make_current_action_calls_the_service(client_for, admin_user, ours, manager):
    newer = CultureAssessmentFactory(
        partner=None, is_own=True, is_current=False, assessed_by=manager
    )

    response = client_for(admin_user).post(
        url("cultureassessment", "changelist"),
        {"action": "make_current", "_selected_action": [newer.pk]},
        follow=True,
    )

    assert response.status_code == 200
    newer.refresh_from_db()
    ours.refresh_from_db()
    assert (newer.is_current, ours.is_current) == (True, False)
    assert "now our current culture profile" in response.content.decode()


@pytest.mark.parametrize("selection", ["partner", "two own"])
def test_culture_admin_make_current_refuses_anything_but_one_own_profile(
    client_for, admin_user, ours, assessment, manager, selection
):
    other = CultureAssessmentFactory(
        partner=None, is_own=True, is_current=False, assessed_by=manager
    )
    selected = [assessment.pk] if selection == "partner" else [ours.pk, other.pk]

    response = client_for(admin_user).post(
        url("cultureassessment", "changelist"),
        {"action": "make_current", "_selected_action": selected},
        follow=True,
    )

    assert "Select exactly one profile of our own culture." in response.content.decode()
    assert CultureAssessment.objects.get(is_own=True, is_current=True) == ours


@pytest.mark.parametrize(
    "model, field, text",
    [("culturedescriptor", "text", "Consensus"), ("cultureguideline", "guidance", "Slow down")],
)
def test_culture_reference_changelist_and_change_form_render(
    client_for, admin_user, model, field, text
):
    client = client_for(admin_user)
    row = (CultureDescriptor if model == "culturedescriptor" else CultureGuideline).objects.first()

    changelist = client.get(url(model, "changelist"))
    filtered = client.get(url(model, "changelist"), {"culture_type__exact": "collaborative"})
    change = client.get(url(model, "change", row.pk))

    assert changelist.status_code == filtered.status_code == change.status_code == 200
    assert changelist.context["cl"].result_count == 20
    assert filtered.context["cl"].result_count == 5
    assert f'name="{field}"' in change.content.decode()
    assert 'name="culture_type"' not in change.content.decode()  # the pair is fixed


@pytest.mark.parametrize("model", ["culturedescriptor", "cultureguideline"])
def test_culture_reference_admin_cannot_add_or_delete(client_for, admin_user, model):
    client = client_for(admin_user)
    row = (CultureDescriptor if model == "culturedescriptor" else CultureGuideline).objects.first()

    added = client.get(url(model, "add"))
    deleted = client.post(url(model, "delete", row.pk), {"post": "yes"})
    changelist = client.get(url(model, "changelist"))

    assert added.status_code == 403
    assert deleted.status_code == 403
    assert "delete_selected" not in changelist.content.decode()
    assert type(row).objects.count() == 20


def test_culture_guideline_admin_edits_the_text(client_for, admin_user):
    guideline = CultureGuideline.objects.get(culture_type="individualistic", dimension="power")

    response = client_for(admin_user).post(
        url("cultureguideline", "change", guideline.pk),
        edit_of(guideline, {"guidance": "Win the key person."}),
    )

    assert response.status_code == 302
    guideline.refresh_from_db()
    assert guideline.guidance == "Win the key person."
    assert guideline.culture_type == "individualistic"


def test_culture_assessment_admin_add_records_the_admin_as_assessor(client_for, admin_user):
    form = {
        "is_own": "on", "is_current": "on", "assessed_on": "2026-01-15",
        "ratings-TOTAL_FORMS": "1", "ratings-INITIAL_FORMS": "0",
        "ratings-0-dimension": "power", "ratings-0-culture_type": "collaborative",
        "ratings-0-score": "3",
    }  # fmt: skip

    response = client_for(admin_user).post(url("cultureassessment", "add"), form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    created = CultureAssessment.objects.get()
    assert created.assessed_by == admin_user and created.is_own
    assert list(created.ratings.values_list("score", flat=True)) == [3]


def test_culture_assessment_admin_refuses_a_rating_above_4_at_the_field(
    client_for, admin_user, ours
):
    form = {
        "is_own": "on", "assessed_on": "2026-01-15",
        "ratings-TOTAL_FORMS": "1", "ratings-INITIAL_FORMS": "0",
        "ratings-0-dimension": "power", "ratings-0-culture_type": "collaborative",
        "ratings-0-score": "7",
    }  # fmt: skip

    response = client_for(admin_user).post(url("cultureassessment", "change", ours.pk), form)

    assert response.status_code == 200
    assert "from 0 (does not fit) to 4 (fits fully)" in response.content.decode()
    assert not CultureRating.objects.exists()


def test_culture_descriptor_admin_saves_through_the_service(client_for, admin_user):
    from auditlog.models import LogEntry

    descriptor = CultureDescriptor.objects.get(culture_type="collaborative", dimension="power")

    response = client_for(admin_user).post(
        url("culturedescriptor", "change", descriptor.pk),
        edit_of(descriptor, {"text": "  Earned trust.  "}),
    )
    descriptor.refresh_from_db()
    refused = client_for(admin_user).post(
        url("culturedescriptor", "change", descriptor.pk), edit_of(descriptor, {"text": "   "})
    )

    assert response.status_code == 302
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    descriptor.refresh_from_db()
    assert descriptor.text == "Earned trust."
    assert LogEntry.objects.get_for_object(descriptor).get().actor == admin_user
