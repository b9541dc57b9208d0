"""Internal pages of the partner program. Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "incentives"

urlpatterns = []

# --- program: tiers, benefits, tier progress and changes, gated resources ---

# --- enablement: courses, certifications, rules of engagement ---

# --- claims: incentive programs, claims, ROI ---
