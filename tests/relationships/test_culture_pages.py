"""Culture pages: assess a partner, the result and its validation, our own culture, the
comparison and guidelines on the partner's Culture tab, the brief, the portfolio."""

import datetime

import pytest
from django.urls import reverse

from relationships.culture import DIMENSIONS, TYPES
from relationships.forms.culture import rating_field_name
from relationships.models import CultureAssessment, CultureGuideline
from relationships.selectors import culture as selectors
from tests.factories import CultureAssessmentFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, edit_of, field_errors, page_text

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()

# A clearly collaborative partner, and a clearly bureaucratic us, except in communication.
COLLABORATIVE = {(d, t): (4 if t == "collaborative" else 1) for d in DIMENSIONS for t in TYPES}
BUREAUCRATIC = {(d, t): (4 if t == "bureaucratic" else 1) for d in DIMENSIONS for t in TYPES}
BUREAUCRATIC[("communication", "bureaucratic")] = 1
BUREAUCRATIC[("communication", "collaborative")] = 4


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


@pytest.fixture
def ours(manager):
    return CultureAssessmentFactory(
        partner=None, is_own=True, is_current=True, assessed_by=manager, ratings=BUREAUCRATIC
    )


@pytest.fixture
def assessed(partner, manager):
    return CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=COLLABORATIVE)


def grid_post(ratings: dict, **fields) -> dict:
    data = {"assessed_on": TODAY.isoformat(), "values": "Consensus first", **fields}
    for (d, t), score in ratings.items():
        data[rating_field_name(d, t)] = str(score)
    return data


def urls(partner, assessment) -> list[tuple[str, str]]:
    """(method, url) of every culture page."""
    return [
        ("get", reverse("relationships:culture-portfolio")),
        ("get", reverse("relationships:culture-own")),
        ("get", reverse("relationships:culture-own-create")),
        ("get", reverse("relationships:culture-create", kwargs={"slug": partner.slug})),
        ("get", reverse("relationships:culture-brief", kwargs={"slug": partner.slug})),
        ("get", reverse("relationships:culture-detail", kwargs={"pk": assessment.pk})),
        ("get", reverse("relationships:culture-edit", kwargs={"pk": assessment.pk})),
        ("post", reverse("relationships:culture-validate", kwargs={"pk": assessment.pk})),
        ("post", reverse("relationships:culture-own-current", kwargs={"pk": assessment.pk})),
    ]


# --- Access -----------------------------------------------------------------------------------


def test_culture_urls_are_the_contracted_paths(partner):
    assert reverse("relationships:culture-portfolio") == "/relationships/culture/"
    assert reverse("relationships:culture-own") == "/relationships/culture/ours/"
    assert reverse("relationships:culture-detail", kwargs={"pk": 7}) == "/relationships/culture/7/"
    assert (
        reverse("relationships:culture-create", kwargs={"slug": "acme"})
        == "/relationships/partners/acme/culture/new/"
    )
    assert (
        reverse("relationships:culture-brief", kwargs={"slug": "acme"})
        == "/relationships/partners/acme/culture/brief/"
    )


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_culture_pages_refuse_partner_users(request, client_for, persona, partner, assessed):
    client = client_for(request.getfixturevalue(persona))
    for method, url in urls(partner, assessed):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        assert "Collaborative" not in response.content.decode()


def test_culture_assessment_get_is_404_for_partner_users(partner_admin, outsider, assessed):
    from django.http import Http404

    from relationships.selectors.access import culture_assessment_get

    for user in (partner_admin, outsider):
        with pytest.raises(Http404):
            culture_assessment_get(user=user, pk=assessed.pk)


def test_culture_pages_send_anonymous_users_to_login(client, partner, assessed):
    for method, url in urls(partner, assessed):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


def test_culture_pages_refuse_wrong_methods(staff, partner, assessed):
    for method, url in urls(partner, assessed):
        wrong = staff.delete if method == "get" else staff.get
        if method == "get" and url.endswith(("/new/", "/edit/")):
            wrong = staff.put
        assert wrong(url).status_code == 405, url


def test_culture_unknown_ids_are_404(staff):
    assert staff.get(reverse("relationships:culture-detail", kwargs={"pk": 999})).status_code == 404
    url = reverse("relationships:culture-create", kwargs={"slug": "nobody"})
    assert staff.get(url).status_code == 404


# --- Assess -----------------------------------------------------------------------------------


def test_culture_create_shows_every_descriptor_with_a_0_to_4_scale(staff, partner):
    response = staff.get(reverse("relationships:culture-create", kwargs={"slug": partner.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="rating-cell type-') == 20
    assert "by consensus" in html.lower()  # the default collaborative decision-making descriptor
    for score in range(5):
        assert f'name="rating__decision_making__bureaucratic" value="{score}"' in html


def test_culture_create_saves_and_shows_the_result(staff, partner, manager):
    url = reverse("relationships:culture-create", kwargs={"slug": partner.slug})
    response = staff.post(url, grid_post(COLLABORATIVE))
    assessment = CultureAssessment.objects.get(partner=partner)
    assert response.status_code == 302
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.ratings.count() == 20 and assessment.assessed_by == manager
    result = page_text(staff.get(assessment.get_absolute_url()))
    assert "Dominant culture Collaborative" in result
    assert "Consensus first" in result


def test_culture_create_htmx_success_is_a_client_redirect(staff, partner):
    url = reverse("relationships:culture-create", kwargs={"slug": partner.slug})
    response = staff.post(url, grid_post(COLLABORATIVE), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == CultureAssessment.objects.get().get_absolute_url()


def test_culture_create_without_ratings_shows_the_services_message_above_the_grid(staff, partner):
    url = reverse("relationships:culture-create", kwargs={"slug": partner.slug})
    response = staff.post(url, grid_post({}))
    assert response.status_code == 422
    assert "an assessment needs ratings" in field_errors(response, "ratings")
    assert 'value="Consensus first"' not in response.content.decode()  # textarea keeps it
    assert "Consensus first" in response.content.decode()
    assert not CultureAssessment.objects.exists()


def test_culture_create_rating_outside_0_to_4_is_marked_at_the_cell(staff, partner):
    url = reverse("relationships:culture-create", kwargs={"slug": partner.slug})
    ratings = {**COLLABORATIVE, ("power", "individualistic"): 7}
    response = staff.post(url, grid_post(ratings), **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<form id="culture-form"')  # the fragment, not the page
    assert "7 is outside the scale" in field_errors(response, "rating__power__individualistic")
    assert "0 (does not fit) to 4 (fits fully)" in field_errors(response, "ratings")
    assert not CultureAssessment.objects.exists()


def test_culture_edit_prefills_and_replaces_the_ratings(staff, assessed):
    url = reverse("relationships:culture-edit", kwargs={"pk": assessed.pk})
    form = staff.get(url).content.decode()
    checked = 'value="4" id="id_rating__power__collaborative_5" checked'
    assert f'name="rating__power__collaborative" {checked}' in form
    ratings = {key: (4 if key[1] == "entrepreneurial" else 0) for key in COLLABORATIVE}
    assert staff.post(url, edit_of(assessed, grid_post(ratings))).status_code == 302
    assert (
        selectors.profile_of(
            CultureAssessment.objects.prefetch_related("ratings").get(pk=assessed.pk)
        ).dominant_type
        == "entrepreneurial"
    )


# --- Result and validation -------------------------------------------------------------------


def test_culture_detail_shows_profile_dimensions_and_radar(staff, assessed):
    response = staff.get(assessed.get_absolute_url())
    html = response.content.decode()
    text = page_text(response)
    assert '"type": "radar"' in html
    assert "Clarity" in text and "clear" in text
    assert "Decision making" in text and "Source of power" in text
    assert "Our own culture is not profiled yet" in text


def test_culture_detail_calls_a_tie_mixed(staff, partner, manager):
    tie = {("decision_making", "bureaucratic"): 4, ("decision_making", "collaborative"): 4}
    assessment = CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=tie)
    text = page_text(staff.get(assessment.get_absolute_url()))
    assert "Dominant culture Mixed" in text
    assert "mixed: under 10 points" in text


def test_culture_validate_records_who_and_when(staff, assessed, manager):
    url = reverse("relationships:culture-validate", kwargs={"pk": assessed.pk})
    data = {"validation_tactics": "Observe a decision meeting", "validation_outcome": "Held",
            "validated": "on"}  # fmt: skip
    response = staff.post(url, data)
    assert response.status_code == 302
    assessed.refresh_from_db()
    assert assessed.validated and assessed.validated_by == manager
    assert assessed.validated_on == TODAY
    assert assessed.validation_tactics == "Observe a decision meeting"
    assert "Validated by" in page_text(staff.get(assessed.get_absolute_url()))


def test_culture_validate_without_outcome_is_refused_at_the_field(staff, assessed):
    url = reverse("relationships:culture-validate", kwargs={"pk": assessed.pk})
    response = staff.post(url, {"validation_tactics": "Observe", "validated": "on"}, **HTMX)
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<form id="validation-form"')
    assert "Say what the validation showed" in field_errors(response, "validation_outcome")
    assessed.refresh_from_db()
    assert not assessed.validated and assessed.validation_tactics == ""


# --- Our own culture --------------------------------------------------------------------------


def test_culture_own_empty_state_links_to_create(staff):
    response = staff.get(reverse("relationships:culture-own"))
    assert "Our own culture is not profiled yet" in page_text(response)
    assert reverse("relationships:culture-own-create") in response.content.decode()


def test_culture_own_create_first_profile_is_current(staff):
    url = reverse("relationships:culture-own-create")
    response = staff.post(url, grid_post(BUREAUCRATIC, is_current="on"))
    own = CultureAssessment.objects.get(is_own=True)
    assert response.status_code == 302 and own.is_current and own.partner is None


def test_culture_own_second_current_is_refused_at_the_field(staff, ours):
    url = reverse("relationships:culture-own-create")
    assert 'name="is_current"' in staff.get(url).content.decode()
    response = staff.post(url, grid_post(BUREAUCRATIC, is_current="on"))
    assert response.status_code == 422
    assert "already a current profile" in field_errors(response, "is_current")
    assert CultureAssessment.objects.filter(is_own=True).count() == 1


def test_culture_own_make_current_retires_the_previous(staff, ours, manager):
    newer = CultureAssessmentFactory(
        partner=None, is_own=True, is_current=False, assessed_by=manager, ratings=COLLABORATIVE
    )
    page = page_text(staff.get(reverse("relationships:culture-own")))
    assert "current" in page and "Make current" in page
    url = reverse("relationships:culture-own-current", kwargs={"pk": newer.pk})
    assert staff.post(url).status_code == 302
    ours.refresh_from_db()
    newer.refresh_from_db()
    assert newer.is_current and not ours.is_current


def test_culture_own_make_current_refuses_a_partner_assessment(staff, assessed):
    url = reverse("relationships:culture-own-current", kwargs={"pk": assessed.pk})
    response = staff.post(url)
    assert response.status_code == 422
    assert "Only a profile of our own culture" in page_text(response)


# --- Culture tab: comparison, guidelines, history ------------------------------------------


def tab(client, partner, **extra):
    url = reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "culture"})
    return client.get(url, **extra)


def test_culture_tab_empty_states(staff, partner):
    text = page_text(tab(staff, partner))
    assert "has not been assessed yet" in text
    assert "Assess the culture" in text
    assert "profile our culture" in text


def test_culture_tab_without_our_profile_links_to_culture_own(staff, partner, assessed):
    response = tab(staff, partner)
    assert "Our own culture is not profiled yet" in page_text(response)
    assert reverse("relationships:culture-own") in response.content.decode()


def test_culture_tab_compares_with_ours_largest_gap_first(staff, partner, assessed, ours):
    response = tab(staff, partner, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="tab-panel"')
    text = page_text(response)
    assert "culture distance" in text
    assert "Common ground: communication." in text
    assert "We differ in 4 dimensions." in text
    assert html.count('"label": "Our culture"') == 1  # both profiles on one radar


def test_culture_guidelines_for_the_dimensions_where_we_differ(partner, assessed, ours):
    profile = selectors.profile_of(assessed)
    comparison = selectors.culture_compare(profile, selectors.profile_of(ours))
    texts = selectors.guideline_texts()
    guidelines = selectors.culture_guidelines(profile, comparison, texts)
    assert {g.dimension for g in guidelines} == set(DIMENSIONS) - {"communication"}
    assert all(g.culture_type == "collaborative" for g in guidelines)
    assert guidelines[0].guidance == texts[("collaborative", guidelines[0].dimension)]


def test_culture_guidelines_use_a_dimensions_own_dominant_type(partner, manager):
    ratings = dict(COLLABORATIVE)
    ratings[("power", "individualistic")], ratings[("power", "collaborative")] = 4, 0
    assessment = CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=ratings)
    profile = selectors.profile_of(assessment)
    guidelines = selectors.culture_guidelines(profile, None, selectors.guideline_texts())
    by_dimension = {g.dimension: g.culture_type for g in guidelines}
    assert by_dimension["power"] == "individualistic"
    assert by_dimension["decision_making"] == "collaborative"
    assert len(guidelines) == 5  # no profile of ours: every dimension


def test_culture_tab_shows_edited_guidance(staff, partner, assessed, ours):
    CultureGuideline.objects.filter(culture_type="collaborative", dimension="control").update(
        guidance="Agree the controls in a joint workshop."
    )
    assert "Agree the controls in a joint workshop." in page_text(tab(staff, partner))


def test_culture_tab_compares_the_latest_with_the_previous(staff, partner, manager, assessed):
    assessed.assessed_on = TODAY - datetime.timedelta(days=200)
    assessed.save()
    newer = {**COLLABORATIVE, ("decision_making", "entrepreneurial"): 4,
             ("decision_making", "collaborative"): 0}  # fmt: skip
    CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=newer)
    text = page_text(tab(staff, partner))
    assert "2 assessments" in text
    assert f"Since {assessed.assessed_on:%-d %b %Y}" in text
    assert "Dominant culture unchanged: Collaborative" in text
    assert "Collaborative → Entrepreneurial" in text  # decision making shifted
    assert "4→ 0" in text and "1→ 4" in text


def _assessed_partners(count, manager):
    for index in range(count):
        partner = PartnerFactory()
        CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=COLLABORATIVE,
                                 assessed_on=TODAY - datetime.timedelta(days=400))  # fmt: skip
        CultureAssessmentFactory(partner=partner, assessed_by=manager,
                                 ratings=BUREAUCRATIC if index % 2 else COLLABORATIVE)  # fmt: skip
    PartnerFactory()  # never assessed


def test_culture_tab_query_count_is_constant(staff, partner, manager, ours, count_queries):
    url = reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "culture"})
    CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=COLLABORATIVE)
    small = count_queries(staff, url)
    for days in range(1, 8):
        CultureAssessmentFactory(partner=partner, assessed_by=UserFactory(role="channel_manager"),
                                 ratings=BUREAUCRATIC,
                                 assessed_on=TODAY - datetime.timedelta(days=days))  # fmt: skip
    assert count_queries(staff, url) == small


# --- Brief and portfolio ----------------------------------------------------------------------


def test_culture_brief_is_one_printable_page_without_nav(staff, partner, assessed, ours):
    response = staff.get(reverse("relationships:culture-brief", kwargs={"slug": partner.slug}))
    html = response.content.decode()
    text = page_text(response)
    assert 'aria-label="Main"' not in html
    assert "data-print" in html
    assert "Their culture in one line: Predominantly collaborative" in text
    assert "Where we differ" in text and "What to do" in text
    assert "Culture distance" in text


def test_culture_brief_before_an_assessment(staff, partner):
    response = staff.get(reverse("relationships:culture-brief", kwargs={"slug": partner.slug}))
    assert "has not been assessed yet" in page_text(response)


def test_culture_portfolio_counts_types_and_unassessed(staff, manager, ours):
    _assessed_partners(4, manager)
    text = page_text(staff.get(reverse("relationships:culture-portfolio")))
    assert "4 assessed" in text
    assert "1 not assessed" in text
    assert "2 collaborative" in text and "2 bureaucratic" in text


def test_culture_portfolio_sorts_by_distance_and_filters_by_type(staff, manager, ours):
    _assessed_partners(4, manager)
    url = reverse("relationships:culture-portfolio")
    response = staff.get(url, {"sort": "-distance", "type": "collaborative"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card section" id="culture-table"')
    rows = selectors.portfolio_overview(sort="-distance", dominant="collaborative")["rows"]
    assert len(rows) == 2 and all(r["dominant"] == "collaborative" for r in rows)
    distances = [r["distance"] for r in selectors.portfolio_overview(sort="-distance")["rows"]]
    assert distances == sorted(distances, reverse=True) and distances[0] > distances[-1]


def test_culture_portfolio_uses_each_partners_latest_assessment(manager, ours):
    _assessed_partners(2, manager)
    rows = selectors.portfolio_rows(selectors.profile_of(selectors.own_current()))
    assert sorted(r["dominant"] for r in rows) == ["bureaucratic", "collaborative"]


def test_culture_portfolio_query_count_is_constant(staff, manager, ours, count_queries):
    url = reverse("relationships:culture-portfolio")
    _assessed_partners(2, manager)
    small = count_queries(staff, url)
    _assessed_partners(12, manager)
    assert count_queries(staff, url) == small


def test_culture_portfolio_empty_state(staff):
    text = page_text(staff.get(reverse("relationships:culture-portfolio")))
    assert "No partner's culture has been assessed yet" in text
