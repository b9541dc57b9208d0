"""Internal pages of the partner program. Each area keeps its routes in its own section."""

from django.urls import path

from .views import claims as claim_views
from .views import enablement as enablement_views
from .views import funds as fund_views
from .views import program as program_views

app_name = "incentives"

urlpatterns = []

# --- program: tiers, benefits, tier progress and changes, gated resources ---
urlpatterns += [
    path("tiers/", program_views.tier_list, name="tier-list"),
    path(
        "tiers/<int:pk>/requirements/",
        program_views.tier_requirement_set,
        name="tier-requirement-set",
    ),
    path("tiers/<int:pk>/benefits/new/", program_views.benefit_create, name="benefit-create"),
    path("benefits/<int:pk>/edit/", program_views.benefit_update, name="benefit-update"),
    path("benefits/<int:pk>/delete/", program_views.benefit_delete, name="benefit-delete"),
    path("partners/<slug:slug>/tier/", program_views.tier_change, name="tier-change"),
    path("resources/", program_views.resource_list, name="resource-list"),
    path("resources/new/", program_views.resource_create, name="resource-create"),
    path("resources/<int:pk>/edit/", program_views.resource_update, name="resource-update"),
    path("resources/<int:pk>/download/", program_views.resource_download, name="resource-download"),
]

# --- enablement: courses, certifications, rules of engagement ---
urlpatterns += [
    path("certifications/", enablement_views.certification_list, name="certification-list"),
    path(
        "certifications/expiring/",
        enablement_views.certification_expiring,
        name="certification-expiring",
    ),
    path(
        "certifications/<int:pk>/approve/",
        enablement_views.certification_approve,
        name="certification-approve",
    ),
    path(
        "certifications/<int:pk>/reject/",
        enablement_views.certification_reject,
        name="certification-reject",
    ),
    path("rules/", enablement_views.rules_list, name="rules-list"),
    path(
        "dashboard/enablement/",
        enablement_views.dashboard_enablement_panel,
        name="enablement-dashboard-panel",
    ),
    path("rules/new/", enablement_views.rules_create, name="rules-create"),
    path(
        "rules/<int:pk>/acknowledgements/",
        enablement_views.rules_acknowledgements,
        name="rules-acknowledgements",
    ),
]

# --- claims: incentive programs, claims, ROI ---
urlpatterns += [
    path("incentives/", claim_views.program_list, name="program-list"),
    path("incentives/new/", claim_views.program_create, name="program-create"),
    path("incentives/<int:pk>/", claim_views.program_detail, name="program-detail"),
    path("incentives/<int:pk>/edit/", claim_views.program_update, name="program-update"),
    path("incentives/<int:pk>/delete/", claim_views.program_delete, name="program-delete"),
    path("claims/", claim_views.claim_queue, name="claim-queue"),
    path("partners/<slug:slug>/claims/new/", claim_views.claim_create, name="claim-create"),
    path("dashboard/claims/", claim_views.dashboard_claims_panel, name="claims-dashboard-panel"),
    path("claims/<int:pk>/approve/", claim_views.claim_approve, name="claim-approve"),
    path("claims/<int:pk>/reject/", claim_views.claim_reject, name="claim-reject"),
    path("claims/<int:pk>/pay/", claim_views.claim_pay, name="claim-pay"),
]

# --- market development funds: fund requests, their decisions, proof of performance ---
urlpatterns += [
    path("fund-requests/", fund_views.fund_request_queue, name="fund-request-queue"),
    path("fund-requests/<int:pk>/", fund_views.fund_request_detail, name="fund-request-detail"),
    path(
        "fund-requests/<int:pk>/approve/",
        fund_views.fund_request_approve,
        name="fund-request-approve",
    ),
    path(
        "fund-requests/<int:pk>/reject/", fund_views.fund_request_reject, name="fund-request-reject"
    ),
    path("proof/<int:pk>/download/", fund_views.proof_download, name="proof-download"),
]
