"""The inbox's addresses: its page and fragments under /inbox/, its API under /api/v1/inbox/
(mounted at the root by one line of `prm.urls`)."""

from django.urls import path

from . import api, views

app_name = "inbox"
urlpatterns = [
    path("inbox/", views.inbox_page, name="inbox"),
    path("inbox/count/", views.inbox_count, name="count"),
    path("inbox/panel/", views.inbox_panel, name="panel"),
    path("api/v1/inbox/", api.InboxView.as_view(), name="api-inbox"),
]
