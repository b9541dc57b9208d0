"""Portal pages of the partner program. Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "incentives-portal"

urlpatterns = []

# --- program: tiers, benefits, tier progress and changes, gated resources ---
from .views import program as program_views  # noqa: E402

urlpatterns += [
    path("tier/", program_views.portal_tier, name="tier"),
    path("resources/", program_views.portal_resource_list, name="resource-list"),
    path(
        "resources/<int:pk>/download/",
        program_views.portal_resource_download,
        name="resource-download",
    ),
]

# --- enablement: courses, certifications, rules of engagement ---
from .views import enablement as enablement_views  # noqa: E402

urlpatterns += [
    path(
        "certifications/",
        enablement_views.portal_certification_list,
        name="certification-list",
    ),
    path(
        "certifications/request/",
        enablement_views.portal_certification_request,
        name="certification-request",
    ),
    path("rules/", enablement_views.portal_rules, name="rules"),
]

# --- claims: incentive programs, claims, ROI ---
from .views import claims as claim_views  # noqa: E402

urlpatterns += [
    path("claims/", claim_views.portal_claim_list, name="claim-list"),
    path("claims/new/", claim_views.portal_claim_create, name="claim-create"),
]
