"""Portal pages of channel planning (mounted at /portal/): a partner's own escalations."""

app_name = "planning-portal"

urlpatterns: list = []

# --- escalations ---
from django.urls import path  # noqa: E402

from .portal import escalations as escalation_portal  # noqa: E402

urlpatterns += [
    path("escalations/", escalation_portal.portal_escalation_list, name="escalation-list"),
    path(
        "escalations/<int:pk>/",
        escalation_portal.portal_escalation_detail,
        name="escalation-detail",
    ),
]
