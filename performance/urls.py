"""Internal pages of performance. Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "performance"

urlpatterns = []

# --- deal registrations ---

# --- performance audits ---
