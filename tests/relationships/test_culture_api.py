"""The culture REST API: staff only (partner users 403, anonymous 401), assessments with ratings
written through the services and profiles computed by `culture_profile`, validation and the
current own profile as actions, editable reference text, filters, constant query counts, and a
schema that generates cleanly."""

import datetime

import pytest
from auditlog.models import LogEntry
from drf_spectacular.validation import validate_schema

from relationships.culture import DIMENSIONS, TYPES
from relationships.models import (
    CultureAssessment,
    CultureDescriptor,
    CultureGuideline,
    CultureRating,
)
from tests.factories import CultureAssessmentFactory, PartnerFactory

ASSESSMENTS = "/api/v1/culture-assessments/"
GUIDELINES = "/api/v1/culture-guidelines/"
DESCRIPTORS = "/api/v1/culture-descriptors/"
RESOURCES = [ASSESSMENTS, GUIDELINES, DESCRIPTORS]
TODAY = datetime.date.today()
PARTNER_USERS = ["partner_admin", "partner_member", "outsider"]


def collaborative(strength=4, runner_up="bureaucratic", second=1) -> dict:
    """All 20 ratings: `strength` for collaborative, `second` for the runner-up, 0 otherwise."""
    scores = {"collaborative": strength, runner_up: second}
    return {(d, t): scores.get(t, 0) for d in DIMENSIONS for t in TYPES}


def as_list(ratings: dict) -> list:
    return [{"dimension": d, "culture_type": t, "score": s} for (d, t), s in ratings.items()]


@pytest.fixture
def assessment(partner, manager):
    return CultureAssessmentFactory(partner=partner, assessed_by=manager, ratings=collaborative())


@pytest.fixture
def ours(manager):
    return CultureAssessmentFactory(
        partner=None, is_own=True, assessed_by=manager,
        ratings=collaborative(runner_up="entrepreneurial", second=3),
    )  # fmt: skip


@pytest.fixture
def every_object(assessment):
    return {
        ASSESSMENTS: assessment,
        GUIDELINES: CultureGuideline.objects.order_by("pk").first(),
        DESCRIPTORS: CultureDescriptor.objects.order_by("pk").first(),
    }


def payload(partner=None, **overrides) -> dict:
    body = {
        "partner": partner.pk if partner else None,
        "assessed_on": TODAY.isoformat(),
        "values": "Customer intimacy",
        "ratings": as_list(collaborative()),
    }
    body.update(overrides)
    return body


def counts() -> tuple:
    return CultureAssessment.objects.count(), CultureRating.objects.count()


def reference_texts() -> list:
    return [
        *CultureGuideline.objects.order_by("pk").values_list("guidance", flat=True),
        *CultureDescriptor.objects.order_by("pk").values_list("text", flat=True),
    ]


# --- access: staff only -----------------------------------------------------------------------


@pytest.mark.parametrize("url", RESOURCES)
@pytest.mark.parametrize("persona", PARTNER_USERS)
def test_culture_api_partner_users_get_403_on_list_and_detail(
    request, api_for, every_object, url, persona
):
    api = api_for(request.getfixturevalue(persona))

    listing = api.get(url)
    detail = api.get(f"{url}{every_object[url].pk}/")

    assert listing.status_code == detail.status_code == 403
    assert "results" not in listing.json()
    assert "ratings" not in detail.json() and "guidance" not in detail.json()


@pytest.mark.parametrize("persona", PARTNER_USERS)
def test_culture_api_partner_user_writes_are_403_and_change_nothing(
    request, api_for, every_object, partner, ours, persona
):
    api = api_for(request.getfixturevalue(persona))
    before, texts = counts(), reference_texts()
    target = f"{ASSESSMENTS}{every_object[ASSESSMENTS].pk}/"

    answers = [
        api.post(ASSESSMENTS, payload(partner), format="json"),
        api.patch(target, {"values": "x"}, format="json"),
        api.post(f"{target}validate/", {"validated": True, "outcome": "x"}, format="json"),
        api.post(f"{ASSESSMENTS}{ours.pk}/make-current/"),
        api.patch(f"{GUIDELINES}{every_object[GUIDELINES].pk}/", {"guidance": "x"}),
        api.patch(f"{DESCRIPTORS}{every_object[DESCRIPTORS].pk}/", {"text": "x"}),
    ]

    assert {answer.status_code for answer in answers} == {403}
    assert counts() == before and reference_texts() == texts
    every_object[ASSESSMENTS].refresh_from_db()
    assert not every_object[ASSESSMENTS].validated


@pytest.mark.parametrize("url", RESOURCES)
def test_culture_api_anonymous_is_401_in_json(api_for, every_object, url):
    listing = api_for().get(url)
    detail = api_for().get(f"{url}{every_object[url].pk}/")

    assert listing.status_code == detail.status_code == 401
    assert "Location" not in listing.headers
    assert "detail" in listing.json()


def test_culture_api_anonymous_actions_are_401_and_change_nothing(api_for, assessment, ours):
    validated = api_for().post(f"{ASSESSMENTS}{assessment.pk}/validate/", {"validated": False})
    current = api_for().post(f"{ASSESSMENTS}{ours.pk}/make-current/")

    assert validated.status_code == current.status_code == 401


@pytest.mark.parametrize("url", RESOURCES)
def test_culture_api_unknown_id_is_404(api_for, manager, url):
    assert api_for(manager).get(f"{url}999999/").status_code == 404


@pytest.mark.parametrize("url", RESOURCES)
def test_culture_api_wrong_method_is_405(api_for, manager, every_object, url):
    api = api_for(manager)

    on_list = api.put(url, {}, format="json")
    on_detail = api.post(f"{url}{every_object[url].pk}/", {}, format="json")
    deleted = api.delete(f"{url}{every_object[url].pk}/")

    assert on_list.status_code == on_detail.status_code == deleted.status_code == 405
    assert type(every_object[url]).objects.filter(pk=every_object[url].pk).exists()


@pytest.mark.parametrize("url", [GUIDELINES, DESCRIPTORS])
def test_culture_reference_api_cannot_add(api_for, manager, url):
    response = api_for(manager).post(url, {"culture_type": "bureaucratic"}, format="json")

    assert response.status_code == 405
    assert CultureGuideline.objects.count() == CultureDescriptor.objects.count() == 20


def test_culture_api_actions_wrong_method_is_405(api_for, manager, assessment):
    api = api_for(manager)

    assert api.get(f"{ASSESSMENTS}{assessment.pk}/validate/").status_code == 405
    assert api.get(f"{ASSESSMENTS}{assessment.pk}/make-current/").status_code == 405


# --- reading assessments ----------------------------------------------------------------------


def test_culture_assessment_retrieve_shows_ratings_and_the_computed_profile(
    api_for, manager, assessment, partner
):
    response = api_for(manager).get(f"{ASSESSMENTS}{assessment.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["partner"] == partner.pk and body["is_own"] is False
    assert body["assessed_by"] == manager.pk
    assert len(body["ratings"]) == 20
    assert {"dimension": "power", "culture_type": "collaborative", "score": 4} in body["ratings"]
    assert body["profile"] == {
        "bureaucratic": 20.0, "collaborative": 80.0, "entrepreneurial": 0.0,
        "individualistic": 0.0,
    }  # fmt: skip
    assert body["dominant_type"] == "collaborative"
    assert body["clarity"] == 60.0 and body["is_mixed"] is False
    assert set(body["by_dimension"]) == set(DIMENSIONS)
    decisions = body["by_dimension"]["decision_making"]
    assert decisions["dominant_type"] == "collaborative" and decisions["shares"]["collaborative"]
    assert body["validated"] is False and body["validated_by"] is None


def test_culture_assessment_of_mixed_and_unrated_profiles(api_for, manager, partner):
    tie = CultureAssessmentFactory(
        partner=partner, assessed_by=manager,
        ratings={("power", "bureaucratic"): 3, ("power", "individualistic"): 3},
    )  # fmt: skip
    zeros = CultureAssessmentFactory(
        partner=partner, assessed_by=manager, ratings={("power", "bureaucratic"): 0}
    )
    api = api_for(manager)

    mixed = api.get(f"{ASSESSMENTS}{tie.pk}/").json()
    unrated = api.get(f"{ASSESSMENTS}{zeros.pk}/").json()

    assert mixed["is_mixed"] is True and mixed["clarity"] == 0.0
    assert unrated["dominant_type"] is None and unrated["is_mixed"] is True
    assert unrated["by_dimension"]["control"]["dominant_type"] is None


def test_culture_assessment_list_filters(api_for, manager, partner, other_partner, assessment):
    ours = CultureAssessmentFactory(partner=None, is_own=True, assessed_by=manager)
    retired = CultureAssessmentFactory(
        partner=None, is_own=True, is_current=False, assessed_by=manager
    )
    theirs = CultureAssessmentFactory(
        partner=other_partner, assessed_by=manager, validated=True, validated_by=manager,
        validated_on=TODAY, validation_outcome="Held",
    )  # fmt: skip
    api = api_for(manager)

    def ids(**query):
        response = api.get(ASSESSMENTS, query)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids(partner=partner.pk) == {assessment.pk}
    assert ids(is_own="true") == {ours.pk, retired.pk}
    assert ids(is_own="true", is_current="true") == {ours.pk}
    assert ids(validated="true") == {theirs.pk}
    assert ids(search="Globex") == {theirs.pk}
    assert len(ids()) == 4


def test_culture_assessment_list_is_newest_first(api_for, manager, partner):
    older = CultureAssessmentFactory(
        partner=partner, assessed_by=manager, assessed_on=TODAY - datetime.timedelta(200)
    )
    newer = CultureAssessmentFactory(partner=partner, assessed_by=manager)

    rows = api_for(manager).get(ASSESSMENTS, {"partner": partner.pk}).json()["results"]

    assert [row["id"] for row in rows] == [newer.pk, older.pk]


def test_culture_assessment_list_query_count_is_constant_in_data_size(
    api_for, manager, count_queries
):
    api = api_for(manager)
    measured = []
    for size in (2, 12):
        for _ in range(size - CultureAssessment.objects.count()):
            CultureAssessmentFactory(
                partner=PartnerFactory(), assessed_by=manager, ratings=collaborative()
            )
        response = api.get(ASSESSMENTS)
        assert response.json()["count"] == size
        assert all(len(row["ratings"]) == 20 for row in response.json()["results"])
        measured.append(count_queries(api, ASSESSMENTS))

    assert measured[0] == measured[1]


@pytest.mark.parametrize("url", [GUIDELINES, DESCRIPTORS])
def test_culture_reference_list_query_count_is_constant(api_for, manager, url, count_queries):
    api = api_for(manager)
    some = f"{url}?culture_type=bureaucratic"

    assert (api.get(some).json()["count"], api.get(url).json()["count"]) == (5, 20)
    assert count_queries(api, some) == count_queries(api, url)


# --- creating and updating assessments --------------------------------------------------------


def test_culture_assessment_create_through_the_service(api_for, manager, partner):
    response = api_for(manager).post(
        ASSESSMENTS, payload(partner, assessed_by=999, validated=True), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    created = CultureAssessment.objects.get(pk=body["id"])
    assert created.partner == partner and created.assessed_by == manager
    assert created.validated is False and body["validated"] is False
    assert created.ratings.count() == 20
    assert body["dominant_type"] == "collaborative" and len(body["ratings"]) == 20
    entry = LogEntry.objects.get_for_object(created).get(action=LogEntry.Action.CREATE)
    assert entry.actor == manager


def test_culture_assessment_create_of_our_own(api_for, manager):
    api = api_for(manager)

    first = api.post(ASSESSMENTS, payload(is_own=True), format="json")
    second = api.post(ASSESSMENTS, payload(is_own=True), format="json")

    assert first.status_code == second.status_code == 201
    assert first.json()["is_current"] is True and first.json()["partner"] is None
    assert second.json()["is_current"] is False


def test_culture_assessment_create_second_current_own_is_400_at_is_current(api_for, manager, ours):
    response = api_for(manager).post(
        ASSESSMENTS, payload(is_own=True, is_current=True), format="json"
    )

    assert response.status_code == 400
    assert "already a current profile" in response.json()["is_current"][0]
    assert CultureAssessment.objects.filter(is_own=True).count() == 1


@pytest.mark.parametrize(
    "ratings, fragment",
    [
        ([], "empty"),
        ([{"dimension": "power", "culture_type": "bureaucratic", "score": 5}], "score"),
        ([{"dimension": "power", "culture_type": "bureaucratic", "score": -1}], "score"),
        ([{"dimension": "power", "culture_type": "bureaucratic", "score": "two"}], "score"),
        ([{"dimension": "ethics", "culture_type": "bureaucratic", "score": 2}], "dimension"),
        ([{"dimension": "power", "culture_type": "anarchic", "score": 2}], "culture_type"),
        ([{"dimension": "power", "culture_type": "bureaucratic"}], "score"),
    ],
)
def test_culture_assessment_create_bad_ratings_are_400_at_ratings(
    api_for, manager, partner, ratings, fragment
):
    response = api_for(manager).post(ASSESSMENTS, payload(partner, ratings=ratings), format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"ratings"}
    assert fragment in str(response.json()["ratings"]).lower() or fragment == "empty"
    assert counts() == (0, 0)


def test_culture_assessment_create_without_ratings_is_400(api_for, manager, partner):
    body = payload(partner)
    del body["ratings"]

    response = api_for(manager).post(ASSESSMENTS, body, format="json")

    assert response.status_code == 400
    assert "ratings" in response.json()
    assert counts() == (0, 0)


def test_culture_assessment_create_rating_a_pair_twice_is_400(api_for, manager, partner):
    rating = {"dimension": "power", "culture_type": "bureaucratic", "score": 2}

    twice = api_for(manager).post(
        ASSESSMENTS, payload(partner, ratings=[rating, rating]), format="json"
    )

    assert twice.status_code == 400
    assert "rated twice" in twice.json()["ratings"][0]
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({}, "partner"),  # a partner's assessment without the partner
        ({"is_own": True, "partner": "PARTNER"}, "partner"),  # ours is of no partner
        ({"partner": "PARTNER", "is_current": False}, "is_current"),
        ({"partner": 999999}, "partner"),
        ({"partner": "PARTNER", "assessed_on": "yesterday"}, "assessed_on"),
    ],
)
def test_culture_assessment_create_subject_errors_are_400_at_the_field(
    api_for, manager, partner, overrides, field
):
    body = payload()
    body.update({k: partner.pk if v == "PARTNER" else v for k, v in overrides.items()})

    response = api_for(manager).post(ASSESSMENTS, body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert counts() == (0, 0)


def test_culture_assessment_update_replaces_ratings_and_evidence(api_for, manager, assessment):
    ratings = [{"dimension": "power", "culture_type": "entrepreneurial", "score": 4}]

    response = api_for(manager).patch(
        f"{ASSESSMENTS}{assessment.pk}/", {"symbols": "Hackathon trophies", "ratings": ratings},
        format="json",
    )  # fmt: skip

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["ratings"] == ratings
    assert body["dominant_type"] == "entrepreneurial"
    assessment.refresh_from_db()
    assert assessment.symbols == "Hackathon trophies"
    assert assessment.ratings.count() == 1


def test_culture_assessment_update_without_ratings_keeps_them(api_for, manager, assessment):
    response = api_for(manager).patch(
        f"{ASSESSMENTS}{assessment.pk}/", {"practices": "Formal RFPs"}, format="json"
    )

    assert response.status_code == 200
    assert len(response.json()["ratings"]) == 20
    assert assessment.ratings.count() == 20


def test_culture_assessment_update_with_bad_rating_changes_nothing(api_for, manager, assessment):
    response = api_for(manager).patch(
        f"{ASSESSMENTS}{assessment.pk}/",
        {"values": "Changed", "ratings": [{"dimension": "power", "culture_type": "x", "score": 1}]},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"ratings"}
    assessment.refresh_from_db()
    assert assessment.values != "Changed" and assessment.ratings.count() == 20


@pytest.mark.parametrize("change", [{"partner": "OTHER"}, {"is_own": True}, {"is_current": False}])
def test_culture_assessment_update_cannot_move_it(
    api_for, manager, assessment, other_partner, change
):
    body = {k: other_partner.pk if v == "OTHER" else v for k, v in change.items()}

    response = api_for(manager).patch(f"{ASSESSMENTS}{assessment.pk}/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == set(change)
    assessment.refresh_from_db()
    assert (assessment.partner_id, assessment.is_own, assessment.is_current) == (
        assessment.partner_id, False, True,
    )  # fmt: skip


def test_culture_assessment_update_with_the_same_subject_is_fine(api_for, manager, assessment):
    body = {"partner": assessment.partner_id, "is_own": False, "is_current": True, "values": "v"}

    response = api_for(manager).patch(f"{ASSESSMENTS}{assessment.pk}/", body, format="json")

    assert response.status_code == 200, response.json()


# --- actions: validate and make current -------------------------------------------------------


def test_culture_assessment_validate_action_records_who_and_when(
    api_for, other_manager, assessment
):
    response = api_for(other_manager).post(
        f"{ASSESSMENTS}{assessment.pk}/validate/",
        {"validated": True, "outcome": "Confirmed in the QBR", "tactics": "Observe a meeting"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["validated"] is True
    assert body["validated_by"] == other_manager.pk
    assert body["validated_on"] == TODAY.isoformat()
    assert body["validation_outcome"] == "Confirmed in the QBR"
    assert body["validation_tactics"] == "Observe a meeting"
    assert len(body["ratings"]) == 20
    entry = LogEntry.objects.get_for_object(assessment).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == other_manager


def test_culture_assessment_validate_without_outcome_is_400_at_outcome(
    api_for, manager, assessment
):
    response = api_for(manager).post(
        f"{ASSESSMENTS}{assessment.pk}/validate/", {"validated": True}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"outcome"}
    assessment.refresh_from_db()
    assert assessment.validated is False


def test_culture_assessment_validate_without_a_verdict_is_400(api_for, manager, assessment):
    response = api_for(manager).post(f"{ASSESSMENTS}{assessment.pk}/validate/", {}, format="json")

    assert response.status_code == 400
    assert "validated" in response.json()


def test_culture_assessment_unvalidate_clears_who_and_when(api_for, manager, assessment):
    api = api_for(manager)
    url = f"{ASSESSMENTS}{assessment.pk}/validate/"
    api.post(url, {"validated": True, "outcome": "Held"}, format="json")

    response = api.post(url, {"validated": False, "outcome": ""}, format="json")

    assert response.status_code == 200
    assert response.json()["validated_by"] is None and response.json()["validated_on"] is None


def test_culture_assessment_make_current_retires_the_previous_own_profile(api_for, manager, ours):
    newer = CultureAssessmentFactory(
        partner=None, is_own=True, is_current=False, assessed_by=manager
    )

    response = api_for(manager).post(f"{ASSESSMENTS}{newer.pk}/make-current/")

    assert response.status_code == 200, response.json()
    assert response.json()["is_current"] is True
    ours.refresh_from_db()
    assert ours.is_current is False


def test_culture_assessment_make_current_of_a_partner_assessment_is_400(
    api_for, manager, assessment
):
    response = api_for(manager).post(f"{ASSESSMENTS}{assessment.pk}/make-current/")

    assert response.status_code == 400
    assert "our own culture" in str(response.json())


def test_culture_assessment_actions_on_unknown_id_are_404(api_for, manager):
    api = api_for(manager)

    assert api.post(f"{ASSESSMENTS}999999/validate/", {"validated": False}).status_code == 404
    assert api.post(f"{ASSESSMENTS}999999/make-current/").status_code == 404


# --- reference text: guidelines and descriptors -----------------------------------------------


def test_culture_guideline_list_filters_by_type_and_dimension(api_for, manager):
    api = api_for(manager)

    by_type = api.get(GUIDELINES, {"culture_type": "entrepreneurial"}).json()
    one = api.get(GUIDELINES, {"culture_type": "entrepreneurial", "dimension": "power"}).json()

    assert by_type["count"] == 5
    assert {row["culture_type"] for row in by_type["results"]} == {"entrepreneurial"}
    assert one["count"] == 1 and one["results"][0]["guidance"]


def test_culture_descriptor_list_filters_by_dimension(api_for, manager):
    response = api_for(manager).get(DESCRIPTORS, {"dimension": "decision_making"})

    assert response.json()["count"] == 4
    assert {row["culture_type"] for row in response.json()["results"]} == set(TYPES)


def test_culture_guideline_update_edits_only_the_text(api_for, manager):
    guideline = CultureGuideline.objects.get(culture_type="bureaucratic", dimension="control")

    response = api_for(manager).patch(
        f"{GUIDELINES}{guideline.pk}/",
        {"guidance": "  Put agreements in writing. ", "culture_type": "collaborative"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    guideline.refresh_from_db()
    assert guideline.guidance == "Put agreements in writing."
    assert guideline.culture_type == "bureaucratic"
    assert LogEntry.objects.get_for_object(guideline).get().actor == manager


def test_culture_guideline_put_and_empty_patch(api_for, manager):
    guideline = CultureGuideline.objects.get(culture_type="bureaucratic", dimension="control")
    before = guideline.guidance
    api = api_for(manager)

    empty_patch = api.patch(f"{GUIDELINES}{guideline.pk}/", {}, format="json")
    put = api.put(f"{GUIDELINES}{guideline.pk}/", {"guidance": "Escalate formally."})

    assert empty_patch.status_code == 200 and empty_patch.json()["guidance"] == before
    assert put.status_code == 200
    guideline.refresh_from_db()
    assert guideline.guidance == "Escalate formally."


@pytest.mark.parametrize("url, field", [(GUIDELINES, "guidance"), (DESCRIPTORS, "text")])
def test_culture_reference_update_refuses_empty_text(api_for, manager, url, field):
    model = CultureGuideline if url == GUIDELINES else CultureDescriptor
    row = model.objects.order_by("pk").first()
    before = getattr(row, field)

    response = api_for(manager).patch(f"{url}{row.pk}/", {field: "   "}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    row.refresh_from_db()
    assert getattr(row, field) == before


def test_culture_descriptor_update_through_the_service(api_for, admin_user):
    descriptor = CultureDescriptor.objects.get(culture_type="individualistic", dimension="power")

    response = api_for(admin_user).patch(
        f"{DESCRIPTORS}{descriptor.pk}/", {"text": "Personal track record."}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["text"] == "Personal track record."
    assert LogEntry.objects.get_for_object(descriptor).get().actor == admin_user


# --- schema -----------------------------------------------------------------------------------


def test_culture_api_schema_is_valid_and_documents_the_resources(api_for, manager):
    response = api_for(manager).get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    paths = schema["paths"]
    assert {"get", "post"} == set(paths[ASSESSMENTS])
    assert {"get", "put", "patch"} == set(paths[f"{ASSESSMENTS}{{id}}/"])
    assert set(paths[f"{ASSESSMENTS}{{id}}/validate/"]) == {"post"}
    assert set(paths[f"{ASSESSMENTS}{{id}}/make-current/"]) == {"post"}
    for url in (GUIDELINES, DESCRIPTORS):
        assert set(paths[url]) == {"get"}
        assert {"get", "put", "patch"} == set(paths[f"{url}{{id}}/"])
        parameters = {p["name"] for p in paths[url]["get"]["parameters"]}
        assert {"culture_type", "dimension", "page"} <= parameters
    parameters = {p["name"] for p in paths[ASSESSMENTS]["get"]["parameters"]}
    assert {"partner", "is_own", "is_current", "validated", "page"} <= parameters
    components = schema["components"]["schemas"]
    assessment = components["CultureAssessment"]["properties"]
    for name in ("profile", "dominant_type", "clarity", "is_mixed", "by_dimension", "validated"):
        assert assessment[name].get("readOnly") is True, name
    request_body = components["CultureAssessmentRequest"]["properties"]
    assert "ratings" in request_body and "profile" not in request_body
    assert "assessed_by" not in request_body and "validated" not in request_body


def test_culture_api_schema_generates_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)

    assert not GENERATOR_STATS._warn_cache
    assert not GENERATOR_STATS._error_cache
