"""Internal pages of channel planning (mounted at /planning/)."""

app_name = "planning"

urlpatterns: list = []

# --- maturity ---
from django.urls import path  # noqa: E402

from .views import maturity as maturity_views  # noqa: E402

urlpatterns += [
    path("maturity/", maturity_views.maturity_dashboard, name="maturity"),
    path("maturity/new/", maturity_views.assessment_create, name="maturity-assessment-create"),
    path("maturity/history/", maturity_views.assessment_history, name="maturity-history"),
    path("maturity/<int:pk>/", maturity_views.assessment_detail,
         name="maturity-assessment-detail"),
    path("maturity/actions/<int:pk>/done/", maturity_views.action_complete,
         name="maturity-action-done"),
]  # fmt: skip
