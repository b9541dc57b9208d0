"""Portal pages of performance (partner users). Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "performance-portal"

urlpatterns = []

# --- deal registrations ---

# --- performance audits ---
