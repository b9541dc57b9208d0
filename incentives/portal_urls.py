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
    path("claims/<int:pk>/proof/", portal.claim_proof_upload, name="claim-proof-upload"),
    # --- market development funds: fund requests, their claims and proof ---
    path("fund-requests/", portal.fund_request_list, name="fund-request-list"),
    path("fund-requests/new/", portal.fund_request_create, name="fund-request-create"),
    path("fund-requests/<int:pk>/", portal.fund_request_detail, name="fund-request-detail"),
    path("fund-requests/<int:pk>/claim/", portal.fund_request_claim, name="fund-request-claim"),
    path("fund-requests/<int:pk>/cancel/", portal.fund_request_cancel, name="fund-request-cancel"),
    path("proof/<int:pk>/download/", portal.proof_download, name="proof-download"),
]
