"""Portal pages of performance (partner users). Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "performance-portal"

urlpatterns = []

# --- deal registrations ---
from .views import deals as deal_views  # noqa: E402

urlpatterns += [
    path("deals/", deal_views.portal_deal_list, name="deal-list"),
    path("deals/new/", deal_views.portal_deal_create, name="deal-create"),
    path("deals/<int:pk>/", deal_views.portal_deal_detail, name="deal-detail"),
]

# --- performance audits ---
from .views.audits import portal_audit_list  # noqa: E402

urlpatterns += [path("audits/", portal_audit_list, name="audit-list")]
