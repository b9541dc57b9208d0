"""Internal pages of channel planning (mounted at /planning/)."""

app_name = "planning"

urlpatterns: list = []

# --- reach ---
from django.urls import path  # noqa: E402

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
