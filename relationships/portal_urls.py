"""Portal pages of relationships: only the partner's own surveys (mounted at /portal/surveys/)."""

from django.urls import path

from . import portal

app_name = "relationships-portal"

urlpatterns = [
    path("", portal.portal_survey_list, name="survey-list"),
    path("<int:pk>/", portal.portal_survey_detail, name="survey-detail"),
]
