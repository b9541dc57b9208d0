"""Confirmation messages as toasts: on the page after every create, edit and decision, and
carried out of band by htmx fragments (prm.lib.toasts)."""

import re

import pytest
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxMiddleware

from performance.models import BusinessPlan, PlanAction
from prm.lib.toasts import HtmxMessagesMiddleware
from relationships.models import EngagementAction
from tests.factories import (
    ContactFactory,
    EngagementActionFactory,
    InteractionFactory,
    StakeholderFactory,
)
from tests.helpers import HTMX
from tests.partners.test_views import valid_partner_data
from tests.performance.audits_factories import (
    PerformanceAuditActionFactory,
    PerformanceAuditFactory,
)
from tests.performance.plans_factories import BusinessPlanFactory, PlanActionFactory

OOB = '<div hx-swap-oob="beforeend:#toasts">'


def toasts(html: str) -> list[str]:
    """The texts of the toasts on a page or in a fragment."""
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r'<p class="toast-text">(.*?)</p>', html, re.S)
    ]


# --- the region and its markup ---------------------------------------------------------------


def test_every_page_has_an_empty_toast_region(client_for, manager):
    html = client_for(manager).get(reverse("partners:partner-list")).content.decode()
    assert '<div id="toasts" class="messages toasts" role="status" aria-live="polite">' in html
    assert toasts(html) == []


def test_a_message_is_a_toast_with_a_dismiss_button(client_for, manager):
    client = client_for(manager)
    response = client.post(reverse("partners:partner-create"), valid_partner_data(), follow=True)
    html = response.content.decode()
    assert toasts(html) == ["Partner Initech added."]
    assert '<div class="toast success" data-toast>' in html
    assert '<button type="button" class="toast-dismiss" data-toast-dismiss>Dismiss</button>' in html
    # Shown once: the next page has none.
    assert toasts(client.get(reverse("partners:partner-list")).content.decode()) == []


# --- htmx ------------------------------------------------------------------------------------


def test_htmx_fragment_carries_the_message_out_of_band(client_for, manager, partner):
    action = EngagementActionFactory(partner=partner, title="Invite the CFO", owner=manager)
    url = reverse("relationships:action-status", kwargs={"pk": action.pk})
    response = client_for(manager).post(url, {"status": "done"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    row, _, oob = html.partition(OOB)
    assert 'id="action-' in row  # the row swapped in place
    assert toasts(oob) == ["“Invite the CFO” is now done."]
    action.refresh_from_db()
    assert action.status == EngagementAction.Status.DONE


def test_htmx_client_redirect_keeps_the_message_for_the_next_page(client_for, manager, partner):
    client = client_for(manager)
    url = reverse("partners:partner-edit", kwargs={"slug": partner.slug})
    data = valid_partner_data(name="Acme Systems", version=partner.version)
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and "HX-Redirect" in response
    assert OOB not in response.content.decode()
    page = client.get(response["HX-Redirect"]).content.decode()
    assert toasts(page) == ["Partner Acme Systems saved."]


def test_htmx_fragment_without_messages_is_unchanged(client_for, manager, partner):
    url = reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "history"})
    html = client_for(manager).get(url, **HTMX).content.decode()
    assert OOB not in html and 'id="toasts"' not in html


def _through_middleware(request, response):
    def view(request):
        messages.success(request, "Saved the thing.")
        return response

    return HtmxMiddleware(HtmxMessagesMiddleware(view))(request)


@pytest.fixture
def htmx_request(rf: RequestFactory):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = rf.post("/", HTTP_HX_REQUEST="true")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_middleware_leaves_json_and_redirects_alone(htmx_request):
    response = _through_middleware(htmx_request, JsonResponse({"ok": True}))
    assert response.content == b'{"ok": true}'
    redirect = _through_middleware(htmx_request, HttpResponseClientRedirect("/next/"))
    assert OOB.encode() not in redirect.content
    # Still waiting for the page the browser goes to.
    assert [str(m) for m in htmx_request._messages] == ["Saved the thing.", "Saved the thing."]


def test_middleware_appends_to_an_html_fragment_once(htmx_request):
    response = _through_middleware(htmx_request, HttpResponse("<tr><td>row</td></tr>"))
    html = response.content.decode()
    assert html.startswith("<tr><td>row</td></tr>" + OOB)
    assert toasts(html) == ["Saved the thing."]


def test_plain_request_is_left_to_the_page(rf):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = rf.post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = _through_middleware(request, HttpResponse("<p>page</p>"))
    assert response.content == b"<p>page</p>"


# --- a confirmation after each kind of action, app by app ----------------------------------


def _champion(manager, partner):
    person = StakeholderFactory(contact=ContactFactory(partner=partner, first_name="Ana"))
    url = reverse("relationships:champion-designate", kwargs={"pk": person.pk})
    return url, {"champion_reason": "Sponsors us"}, f"{person} is now the champion at {partner}."


def _champion_clear(manager, partner):
    person = StakeholderFactory(
        contact=ContactFactory(partner=partner), is_champion=True, champion_reason="Sponsor"
    )
    url = reverse("relationships:champion-clear", kwargs={"pk": person.pk})
    return url, {}, f"{person} is no longer the champion."


def _interaction_delete(manager, partner):
    interaction = InteractionFactory(partner=partner, channel="call")
    url = reverse("relationships:interaction-delete", kwargs={"pk": interaction.pk})
    return url, {}, "Interaction deleted: Call of"


def _audit_share(manager, partner):
    audit = PerformanceAuditFactory(partner=partner, share_with_partner=False)
    url = reverse("performance:audit-share", kwargs={"pk": audit.pk})
    return url, {"share": "on"}, f"{audit} is now shared with {partner} in the portal."


def _audit_action_done(manager, partner):
    action = PerformanceAuditActionFactory(audit__partner=partner, what="Train two engineers")
    url = reverse("performance:audit-action-done", kwargs={"pk": action.pk})
    return url, {"done": "on"}, "“Train two engineers” marked done."


def _plan_create(manager, partner):
    url = reverse("performance:plan-create", kwargs={"slug": partner.slug})
    data = {"title": "Grow cloud", "year": "2026", "status": BusinessPlan.Status.ACTIVE}
    return url, data, "Joint business plan “Grow cloud (2026)” created."


def _plan_action_status(manager, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner), title="Run a webinar")
    url = reverse("performance:plan-action-status", kwargs={"pk": action.pk})
    return url, {"status": PlanAction.Status.DONE}, "“Run a webinar” is now done."


@pytest.mark.parametrize(
    "case",
    [
        _champion,
        _champion_clear,
        _interaction_delete,
        _audit_share,
        _audit_action_done,
        _plan_create,
        _plan_action_status,
    ],
    ids=lambda case: case.__name__.strip("_"),
)
def test_each_action_confirms_what_it_did(client_for, manager, partner, case):
    url, data, message = case(manager, partner)
    response = client_for(manager).post(url, data, follow=True)
    assert response.status_code == 200
    shown = toasts(response.content.decode())
    assert len(shown) == 1 and shown[0].startswith(message), shown


def test_portal_decision_confirms_too(client_for, partner_admin, partner):
    action = PlanActionFactory(plan=BusinessPlanFactory(partner=partner), title="Send the leads")
    url = reverse("performance-portal:plan-action-status", kwargs={"pk": action.pk})
    response = client_for(partner_admin).post(url, {"status": "in_progress"}, follow=True)
    assert toasts(response.content.decode()) == ["“Send the leads” is now in progress."]
