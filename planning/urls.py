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

# --- reach ---
from .views import reach as reach_views  # noqa: E402

urlpatterns += [
    path("reach/", reach_views.reach_calculator, name="reach"),
    path("reach/scenarios/", reach_views.reach_scenario_list, name="reach-scenario-list"),
    path("reach/scenarios/save/", reach_views.reach_scenario_save, name="reach-scenario-save"),
    path(
        "reach/scenarios/<int:pk>/delete/",
        reach_views.reach_scenario_delete_view,
        name="reach-scenario-delete",
    ),
    path("reach/compare/", reach_views.reach_compare, name="reach-compare"),
]
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

# --- review ---
from .views import review as review_views  # noqa: E402

urlpatterns += [
    path("underperformers/", review_views.underperformer_list, name="underperformer-list"),
    path("underperformers/decisions/", review_views.underperformer_decisions,
         name="underperformer-decisions"),
    path("underperformers/candidates/<int:pk>/start/", review_views.underperformer_start,
         name="underperformer-start"),
    path("underperformers/<int:pk>/", review_views.underperformer_review,
         name="underperformer-review"),
    path("underperformers/<int:pk>/decide/", review_views.underperformer_decide,
         name="underperformer-decide"),
]  # fmt: skip
