"""Portal pages of relationships: the feedback a partner sends us, and our answers."""

from django.urls import path

from . import portal

app_name = "relationships-portal"

urlpatterns = [
    path("", portal.portal_feedback_list, name="feedback-list"),
    path("new/", portal.portal_feedback_create, name="feedback-create"),
]
