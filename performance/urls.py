"""Internal pages of performance (vendor staff), by area."""

from django.urls import path

from .views import alerts, audits, backtest, claims, deals, perception, plans, scoring, targets

app_name = "performance"

urlpatterns = [
    # the perception gap: our view of each relationship beside the partner's survey answers
    path("perception/", perception.perception_list, name="perception-list"),
    # deal registrations
    path("deals/", deals.deal_list, name="deal-list"),
    path("deals/<int:pk>/", deals.deal_detail, name="deal-detail"),
    path("deals/<int:pk>/approve/", deals.deal_approve, name="deal-approve"),
    path("deals/<int:pk>/reject/", deals.deal_reject, name="deal-reject"),
    path("deals/<int:pk>/won/", deals.deal_won, name="deal-won"),
    path("deals/<int:pk>/lost/", deals.deal_lost, name="deal-lost"),
    # performance audits
    path("audits/", audits.audit_portfolio, name="audit-portfolio"),
    path("audits/new/<slug:slug>/", audits.audit_create, name="audit-create"),
    path("audits/<int:pk>/", audits.audit_detail, name="audit-detail"),
    path("audits/<int:pk>/edit/", audits.audit_edit, name="audit-edit"),
    path("audits/<int:pk>/share/", audits.audit_share, name="audit-share"),
    path("audits/<int:pk>/actions/", audits.audit_action_create, name="audit-action-create"),
    path("audits/actions/<int:pk>/done/", audits.audit_action_done, name="audit-action-done"),
    # business plans and reviews
    path("partners/<slug:slug>/plans/", plans.plan_create, name="plan-create"),
    path("plans/<int:pk>/actions/", plans.plan_action_create, name="plan-action-create"),
    path("plans/actions/<int:pk>/status/", plans.plan_action_status, name="plan-action-status"),
    path("partners/<slug:slug>/reviews/", plans.review_log, name="review-log"),
    path("partners/<slug:slug>/review-pack/", plans.review_pack, name="review-pack"),
    # targets and actuals
    path("targets/", targets.target_portfolio, name="target-portfolio"),
    path("targets/propose/<slug:slug>/", targets.target_propose, name="target-propose"),
    path("targets/<int:pk>/counter/", targets.target_negotiate, name="target-counter"),
    path("targets/<int:pk>/accept/", targets.target_negotiate, name="target-accept"),
    path("actuals/record/<slug:slug>/", targets.actual_record, name="actual-record"),
    path("actuals/import/", targets.actual_import, name="actual-import"),
    path("actuals/import/<int:pk>/", targets.actual_import_status, name="actual-import-status"),
    path("actuals/import/<int:pk>/retry/", targets.actual_import_retry, name="actual-import-retry"),
    # partner scores
    path("scores/", scoring.score_list, name="score-list"),
    path("scores/runs/start/", scoring.score_run_start, name="score-run-start"),
    path("scores/runs/<int:pk>/", scoring.score_run_detail, name="score-run-detail"),
    path("scores/backtest/", backtest.score_backtest, name="score-backtest"),
    # alerts the scoring raises
    path("alerts/", alerts.alert_list, name="alert-list"),
    path("alerts/<int:pk>/assign/", alerts.alert_assign, name="alert-assign"),
    path("alerts/<int:pk>/dismiss/", alerts.alert_dismiss, name="alert-dismiss"),
    path("alerts/<int:pk>/reopen/", alerts.alert_reopen, name="alert-reopen"),
    # incentive ROI
    path("incentives-roi/", claims.incentive_roi, name="incentive-roi"),
    path(
        "partners/<slug:slug>/incentive-roi/",
        claims.partner_incentive_roi,
        name="partner-incentive-roi",
    ),
]
