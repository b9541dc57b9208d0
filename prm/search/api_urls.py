"""The search's API endpoint, mounted at /api/v1/search/ by the root URLs (it is no model
resource, so it is not on the router)."""

from django.urls import path

from .api import SearchView

urlpatterns = [path("", SearchView.as_view(), name="api-search")]
