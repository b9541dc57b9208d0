"""Internal pages of relationship management. Each area keeps its routes in its own section."""

from django.urls import path  # noqa: F401

app_name = "relationships"

urlpatterns = []

# --- org chart and contacts (relationships/views/orgchart.py) ---

# --- stakeholders, champion, influence map, plans (relationships/views/stakeholders.py) ---

# --- engagement actions, interactions, objectives, timeline, portfolio (views/engagement.py) ---
