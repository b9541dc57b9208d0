"""Internal pages of channel planning (mounted at /planning/)."""

app_name = "planning"

urlpatterns: list = []

# --- escalations ---
from django.urls import path  # noqa: E402

from .views import escalations as escalation_views  # noqa: E402

urlpatterns += [
    path("escalations/", escalation_views.escalation_list, name="escalation-list"),
    path("escalations/new/", escalation_views.escalation_create, name="escalation-create"),
    path("escalations/<int:pk>/", escalation_views.escalation_detail, name="escalation-detail"),
    path("escalations/<int:pk>/edit/", escalation_views.escalation_edit, name="escalation-edit"),
    path(
        "escalations/<int:pk>/resolve/",
        escalation_views.escalation_resolve,
        name="escalation-resolve",
    ),
    path("support-effort/", escalation_views.support_effort, name="support-effort"),
]
