"""Internal pages of channel planning (mounted at /planning/)."""

app_name = "planning"

urlpatterns: list = []

# --- review ---
from django.urls import path  # noqa: E402

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
