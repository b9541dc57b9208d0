import datetime

import pytest
from django.urls import reverse

from performance.models import CRITERIA, PerformanceAudit
from tests.performance.audits_factories import PerformanceAuditFactory, scores

pytestmark = pytest.mark.django_db
LIST = reverse("performance-audit-list")
TODAY = datetime.date.today()


def _detail(audit):
    return reverse("performance-audit-detail", args=[audit.pk])


def test_api_audits_staff_list_has_total_classification_and_areas(api_for, manager, partner):
    PerformanceAuditFactory(partner=partner, **scores(5))
    response = api_for(manager).get(LIST)
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["total"] == 100 and row["classification"] == "strategic"
    assert row["area_scores"] == {"deliver": 5, "sweet_spot": 5, "territory": 5, "revenue": 5}
    assert row["deliver_scale_note"] == "Note on deliver_scale"


def test_api_audits_staff_create_through_service(api_for, manager, partner):
    payload = {"partner": partner.pk, "audited_on": TODAY.isoformat(), **scores(4)}
    response = api_for(manager).post(LIST, payload, format="json")
    assert response.status_code == 201, response.json()
    audit = PerformanceAudit.objects.get()
    assert audit.audited_by == manager
    assert response.json()["total"] == 75


def test_api_audits_create_bad_score_is_400_at_field(api_for, manager, partner):
    payload = {"partner": partner.pk, "audited_on": TODAY.isoformat(), **scores(4, revenue_year=7)}
    response = api_for(manager).post(LIST, payload, format="json")
    assert response.status_code == 400
    assert "revenue_year" in response.json()
    assert not PerformanceAudit.objects.exists()


def test_api_audits_total_and_classification_are_read_only(api_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    response = api_for(manager).patch(
        _detail(audit), {"total": 99, "classification": "strategic", "revenue_year": 5},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["classification"] == "develop"
    audit.refresh_from_db()
    assert audit.revenue_year == 5


def test_api_audits_partner_cannot_be_changed(api_for, manager, partner, other_partner):
    audit = PerformanceAuditFactory(partner=partner)
    response = api_for(manager).patch(_detail(audit), {"partner": other_partner.pk}, format="json")
    assert response.status_code == 400


def test_api_audits_staff_delete(api_for, manager, partner):
    audit = PerformanceAuditFactory(partner=partner)
    assert api_for(manager).delete(_detail(audit)).status_code == 204
    assert not PerformanceAudit.objects.exists()


def test_api_audits_partner_user_sees_only_own_shared_scores(api_for, partner_member, partner,
                                                            other_partner):  # fmt: skip
    shared = PerformanceAuditFactory(partner=partner, share_with_partner=True)
    PerformanceAuditFactory(partner=partner, share_with_partner=False)
    PerformanceAuditFactory(partner=other_partner, share_with_partner=True)
    response = api_for(partner_member).get(LIST)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [shared.pk]
    assert set(rows[0]) == {"id", "partner", "audited_on", *CRITERIA, "total", "classification",
                            "area_scores"}  # fmt: skip


def test_api_audits_partner_user_unshared_and_other_partner_are_404(
    api_for, partner_member, partner, other_partner
):
    unshared = PerformanceAuditFactory(partner=partner, share_with_partner=False)
    foreign = PerformanceAuditFactory(partner=other_partner, share_with_partner=True)
    api = api_for(partner_member)
    assert api.get(_detail(unshared)).status_code == 404
    assert api.get(_detail(foreign)).status_code == 404


def test_api_audits_partner_user_cannot_write(api_for, partner_admin, partner):
    audit = PerformanceAuditFactory(partner=partner, share_with_partner=True)
    api = api_for(partner_admin)
    payload = {"partner": partner.pk, "audited_on": TODAY.isoformat(), **scores(5)}
    assert api.post(LIST, payload, format="json").status_code == 403
    assert api.patch(_detail(audit), {"revenue_year": 5}, format="json").status_code == 403
    assert api.delete(_detail(audit)).status_code == 403
    assert PerformanceAudit.objects.count() == 1


def test_api_audits_anonymous_refused(api_for, partner):
    assert api_for().get(LIST).status_code in (401, 403)


def test_api_audits_wrong_method_405(api_for, manager, partner):
    assert api_for(manager).put(LIST, {}, format="json").status_code == 405


def test_api_audits_filter_by_partner(api_for, manager, partner, other_partner):
    PerformanceAuditFactory(partner=partner)
    PerformanceAuditFactory(partner=other_partner)
    response = api_for(manager).get(LIST, {"partner": other_partner.pk})
    assert [row["partner"] for row in response.json()["results"]] == [other_partner.pk]
