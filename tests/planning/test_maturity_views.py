import datetime

import pytest
from django.urls import reverse

from planning.models import ChannelProcess, OperationsAssessment
from tests.helpers import HTMX

from .maturity_helpers import assess

TODAY = datetime.date.today()
DASHBOARD = reverse("planning:maturity")
NEW = reverse("planning:maturity-assessment-create")
HISTORY = reverse("planning:maturity-history")
API = "/api/v1/operations-assessments/"


def _post_data(**overrides) -> dict:
    data = {"assessed_on": TODAY.isoformat(), "notes": ""}
    for process in ChannelProcess.objects.filter(active=True):
        data[f"{process.key}__level"] = "3"
        data[f"{process.key}__evidence"] = f"Evidence for {process.name}"
    return data | overrides


def test_dashboard_shows_radar_and_attention_order(client_for, manager):
    assess(manager, days_ago=100, default=3, levels={"incentives": 5})
    assess(manager, days_ago=2, default=3, levels={"incentives": 2, "onboarding": 1})
    response = client_for(manager).get(DASHBOARD)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-chart="maturity-radar-data"' in text and '"type": "radar"' in text
    assert text.index('data-process="incentives"') < text.index('data-process="onboarding"')
    assert "Reviews held on cadence" in text and "Certification coverage" in text


def test_dashboard_without_assessment_invites_the_first(client_for, manager):
    response = client_for(manager).get(DASHBOARD)
    assert response.status_code == 200 and "Start the first assessment" in response.content.decode()


@pytest.mark.parametrize("url", [DASHBOARD, NEW, HISTORY])
def test_partner_users_are_refused(client_for, partner_member, url):
    assert client_for(partner_member).get(url).status_code == 403


def test_detail_refuses_partner_users_and_unknown_ids(client_for, manager, partner_admin):
    assessment = assess(manager)
    url = assessment.get_absolute_url()
    assert client_for(partner_admin).get(url).status_code == 403
    staff = client_for(manager)
    assert staff.get(url).status_code == 200
    assert (
        staff.get(reverse("planning:maturity-assessment-detail", args=[99999])).status_code == 404
    )


@pytest.mark.parametrize("url", [DASHBOARD, HISTORY])
def test_wrong_method_is_405(client_for, manager, url):
    assert client_for(manager).post(url).status_code == 405


def test_create_saves_and_redirects(client_for, manager, other_manager):
    due = (TODAY + datetime.timedelta(days=9)).isoformat()
    data = _post_data(
        **{
            "onboarding__action": "Measure time to first deal",
            "onboarding__action_owner": str(other_manager.pk),
            "onboarding__action_due": due,
        }
    )
    response = client_for(manager).post(NEW, data)
    assessment = OperationsAssessment.objects.get()
    assert response.status_code == 302 and response["Location"] == assessment.get_absolute_url()
    assert assessment.ratings.count() == 8


def test_invalid_htmx_form_answers_422_and_saves_nothing(client_for, manager):
    data = _post_data(**{"recruitment__level": "", "onboarding__action": "Do better"})
    response = client_for(manager).post(NEW, data, **HTMX)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Choose the level that fits best." in text and "An action needs an owner." in text
    assert 'id="assessment-form"' in text and "<html" not in text
    assert not OperationsAssessment.objects.exists()


def test_action_done(client_for, manager):
    assessment = assess(manager, onboarding={"action": "Plan", "action_owner": manager,
                                             "action_due": TODAY})  # fmt: skip
    rating = assessment.ratings.get(process__key="onboarding")
    url = reverse("planning:maturity-action-done", args=[rating.pk])
    staff = client_for(manager)
    assert staff.get(url).status_code == 405
    assert staff.post(url).status_code == 302
    rating.refresh_from_db()
    assert rating.action_done_on == TODAY


def test_history_and_dashboard_query_counts_constant(client_for, manager, count_queries):
    staff = client_for(manager)
    assess(manager, days_ago=30)
    assess(manager, days_ago=20)
    small = [count_queries(staff, url, warm=True) for url in (HISTORY, DASHBOARD)]
    for days in range(1, 8):
        assess(manager, days_ago=days, levels={"recruitment": 1 + days % 5})
    large = [count_queries(staff, url, warm=True) for url in (HISTORY, DASHBOARD)]
    assert small == large


def test_history_fragment_for_htmx(client_for, manager):
    assess(manager)
    response = client_for(manager).get(HISTORY, **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()


# --- API ---------------------------------------------------------------------------------


def _api_body(**overrides):
    return {"assessed_on": TODAY.isoformat(), "notes": "Quarterly", "ratings": [
        {"process": p.key, "level": 3, "evidence": "Seen in the data"}
        for p in ChannelProcess.objects.filter(active=True)
    ]} | overrides  # fmt: skip


def test_api_creates_with_nested_ratings_and_lists_them(api_for, manager, other_manager):
    body = _api_body()
    body["ratings"][0] |= {"action": "Profile", "action_owner": other_manager.pk,
                           "action_due": TODAY.isoformat()}  # fmt: skip
    api = api_for(manager)
    response = api.post(API, body, format="json")
    assert response.status_code == 201, response.json()
    assert len(response.json()["ratings"]) == 8
    listed = api.get(API).json()
    assert listed["count"] == 1 and listed["results"][0]["ratings"][0]["process"] == "recruitment"
    detail = api.get(f"{API}{response.json()['id']}/")
    assert detail.status_code == 200 and detail.json()["assessed_by"] == manager.pk


def test_api_400_with_field_errors(api_for, manager):
    body = _api_body()
    body["ratings"][1]["action"] = "Without owner"
    response = api_for(manager).post(API, body, format="json")
    assert response.status_code == 400
    assert "onboarding__action_owner" in response.json()
    missing = api_for(manager).post(API, _api_body(ratings=[]), format="json")
    assert missing.status_code == 400 and "ratings" in missing.json()
    assert not OperationsAssessment.objects.exists()


def test_api_refuses_partner_users_and_updates(api_for, manager, partner_member):
    assessment = assess(manager)
    assert api_for(partner_member).get(API).status_code == 403
    assert api_for(partner_member).post(API, _api_body(), format="json").status_code == 403
    staff = api_for(manager)
    assert staff.delete(f"{API}{assessment.pk}/").status_code == 405
    assert staff.patch(f"{API}{assessment.pk}/", {"notes": "x"}, format="json").status_code == 405
