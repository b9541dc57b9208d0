"""Internal pages of performance. Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "performance"

urlpatterns = []

# --- deal registrations ---
from .views import deals as deal_views  # noqa: E402

urlpatterns += [
    path("deals/", deal_views.deal_list, name="deal-list"),
    path("deals/<int:pk>/", deal_views.deal_detail, name="deal-detail"),
    path("deals/<int:pk>/approve/", deal_views.deal_approve, name="deal-approve"),
    path("deals/<int:pk>/reject/", deal_views.deal_reject, name="deal-reject"),
    path("deals/<int:pk>/won/", deal_views.deal_won, name="deal-won"),
    path("deals/<int:pk>/lost/", deal_views.deal_lost, name="deal-lost"),
]

# --- performance audits ---
from .views import audits as audit_views  # noqa: E402

urlpatterns += [
    path("audits/", audit_views.audit_portfolio, name="audit-portfolio"),
    path("audits/new/<slug:slug>/", audit_views.audit_create, name="audit-create"),
    path("audits/<int:pk>/", audit_views.audit_detail, name="audit-detail"),
    path("audits/<int:pk>/edit/", audit_views.audit_edit, name="audit-edit"),
    path("audits/<int:pk>/share/", audit_views.audit_share, name="audit-share"),
    path("audits/<int:pk>/actions/", audit_views.audit_action_create, name="audit-action-create"),
    path("audits/actions/<int:pk>/done/", audit_views.audit_action_done, name="audit-action-done"),
]

# --- business plans and reviews ---
from .views import plans as plan_views  # noqa: E402

urlpatterns += [
    path("partners/<slug:slug>/plans/", plan_views.plan_create, name="plan-create"),
    path("plans/<int:pk>/actions/", plan_views.plan_action_create, name="plan-action-create"),
    path(
        "plans/actions/<int:pk>/status/", plan_views.plan_action_status, name="plan-action-status"
    ),
    path("partners/<slug:slug>/reviews/", plan_views.review_log, name="review-log"),
    path("partners/<slug:slug>/review-pack/", plan_views.review_pack, name="review-pack"),
]

# --- targets and actuals ---
from .views import targets as target_views  # noqa: E402

urlpatterns += [
    path("targets/", target_views.target_portfolio, name="target-portfolio"),
    path("targets/propose/<slug:slug>/", target_views.target_propose, name="target-propose"),
    path("targets/<int:pk>/counter/", target_views.target_negotiate, name="target-counter"),
    path("targets/<int:pk>/accept/", target_views.target_negotiate, name="target-accept"),
    path("actuals/record/<slug:slug>/", target_views.actual_record, name="actual-record"),
    path("actuals/import/", target_views.actual_import, name="actual-import"),
    path(
        "actuals/import/<int:pk>/", target_views.actual_import_status, name="actual-import-status"
    ),
]

# --- incentive ROI ---
from .views import claims as claim_views  # noqa: E402

urlpatterns += [
    path("incentives-roi/", claim_views.incentive_roi, name="incentive-roi"),
    path(
        "partners/<slug:slug>/incentive-roi/",
        claim_views.partner_incentive_roi,
        name="partner-incentive-roi",
    ),
]
