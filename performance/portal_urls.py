"""Portal pages of performance (partner users), by area."""

from django.urls import path

from .portal import audits, deals, plans, scoring, targets

app_name = "performance-portal"

urlpatterns = [
    # deal registrations
    path("deals/", deals.portal_deal_list, name="deal-list"),
    path("deals/new/", deals.portal_deal_create, name="deal-create"),
    path("deals/<int:pk>/", deals.portal_deal_detail, name="deal-detail"),
    # performance audits
    path("audits/", audits.portal_audit_list, name="audit-list"),
    # business plans and reviews
    path("plans/", plans.portal_plan_list, name="plan-list"),
    path("plans/actions/<int:pk>/status/", plans.portal_action_status, name="plan-action-status"),
    # targets and actuals
    path("targets/", targets.portal_target_list, name="target-list"),
    path("targets/propose/", targets.portal_target_propose, name="target-propose"),
    path("targets/<int:pk>/counter/", targets.portal_target_negotiate, name="target-counter"),
    path("targets/<int:pk>/accept/", targets.portal_target_negotiate, name="target-accept"),
    # scores (performance and engagement only)
    path("scores/", scoring.portal_score_list, name="score-list"),
]
