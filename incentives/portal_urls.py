"""Portal pages of the partner program. Each area keeps its routes in its own section."""

from django.urls import path

from . import portal

app_name = "incentives-portal"

urlpatterns = [
    # --- program: the partner's tier and the resources it allows ---
    path("tier/", portal.tier, name="tier"),
    path("resources/", portal.resource_list, name="resource-list"),
    path("resources/<int:pk>/download/", portal.resource_download, name="resource-download"),
    # --- enablement: certifications, rules of engagement ---
    path("certifications/", portal.certification_list, name="certification-list"),
    path("certifications/request/", portal.certification_request, name="certification-request"),
    path("rules/", portal.rules, name="rules"),
    # --- claims: the partner's incentive claims ---
    path("claims/", portal.claim_list, name="claim-list"),
    path("claims/new/", portal.claim_create, name="claim-create"),
]
