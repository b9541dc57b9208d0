"""Portal pages of relationships (mounted at /portal/): the partner's own surveys, and the
feedback a partner sends us with our answers."""

from django.urls import path

from .portal import feedback, surveys

app_name = "relationships-portal"

urlpatterns = [
    path("surveys/", surveys.portal_survey_list, name="survey-list"),
    path("surveys/<int:pk>/", surveys.portal_survey_detail, name="survey-detail"),
    path("feedback/", feedback.portal_feedback_list, name="feedback-list"),
    path("feedback/new/", feedback.portal_feedback_create, name="feedback-create"),
]
