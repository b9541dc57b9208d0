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

# --- business plans and reviews ---
from .views import plans as plan_views  # noqa: E402

urlpatterns += [
    path("plans/", plan_views.portal_plan_list, name="plan-list"),
    path(
        "plans/actions/<int:pk>/status/", plan_views.portal_action_status, name="plan-action-status"
    ),
]

# --- targets and actuals ---
from .views import targets as target_views  # noqa: E402

urlpatterns += [
    path("targets/", target_views.portal_target_list, name="target-list"),
    path("targets/propose/", target_views.portal_target_propose, name="target-propose"),
    path("targets/<int:pk>/counter/", target_views.portal_target_negotiate, name="target-counter"),
    path("targets/<int:pk>/accept/", target_views.portal_target_negotiate, name="target-accept"),
]
