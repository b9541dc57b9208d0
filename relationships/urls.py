"""Internal pages of relationship management. Each area keeps its routes in its own section."""

from django.urls import path

app_name = "relationships"

urlpatterns = []

# --- stakeholders, champion, influence map, plans (relationships/views/stakeholders.py) ---
from .views import stakeholders as sh  # noqa: E402

urlpatterns += [
    path("stakeholders/new/<int:contact_pk>/", sh.stakeholder_create, name="stakeholder-create"),
    path("stakeholders/<int:pk>/", sh.stakeholder_detail, name="stakeholder-detail"),
    path("stakeholders/<int:pk>/edit/", sh.stakeholder_edit, name="stakeholder-edit"),
    path("stakeholders/<int:pk>/champion/", sh.champion_designate, name="champion-designate"),
    path("stakeholders/<int:pk>/champion/clear/", sh.champion_clear, name="champion-clear"),
    path("partners/<slug:slug>/champion/", sh.champion_candidates, name="champion-candidates"),
    path("stakeholders/<int:stakeholder_pk>/plan/new/", sh.plan_create, name="plan-create"),
    path("plans/<int:pk>/", sh.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", sh.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/print/", sh.plan_print, name="plan-print"),
]

# --- engagement actions, interactions, objectives, timeline, portfolio (views/engagement.py) ---
from .views import engagement  # noqa: E402

urlpatterns += [
    path("", engagement.portfolio, name="portfolio"),
    path("partners/<slug:slug>/actions/", engagement.action_list, name="action-list"),
    path("partners/<slug:slug>/actions/new/", engagement.action_create, name="action-create"),
    path("actions/<int:pk>/edit/", engagement.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", engagement.action_status, name="action-status"),
    path(
        "partners/<slug:slug>/interactions/", engagement.interaction_list, name="interaction-list"
    ),
    path(
        "partners/<slug:slug>/interactions/new/",
        engagement.interaction_create,
        name="interaction-create",
    ),
    path("interactions/<int:pk>/delete/", engagement.interaction_delete, name="interaction-delete"),
    path("partners/<slug:slug>/objectives/", engagement.objective_list, name="objective-list"),
    path(
        "partners/<slug:slug>/objectives/new/", engagement.objective_create, name="objective-create"
    ),
    path("objectives/<int:pk>/edit/", engagement.objective_edit, name="objective-edit"),
]

# --- culture (relationships/views/culture.py) ---
from .views import culture  # noqa: E402

urlpatterns += [
    path("culture/", culture.culture_portfolio, name="culture-portfolio"),
    path("culture/ours/", culture.culture_own, name="culture-own"),
    path("culture/ours/new/", culture.culture_own_create, name="culture-own-create"),
    path("culture/<int:pk>/", culture.culture_detail, name="culture-detail"),
    path("culture/<int:pk>/edit/", culture.culture_edit, name="culture-edit"),
    path("culture/<int:pk>/validate/", culture.culture_validate, name="culture-validate"),
    path("culture/<int:pk>/current/", culture.culture_own_current, name="culture-own-current"),
    path("partners/<slug:slug>/culture/new/", culture.culture_create, name="culture-create"),
    path("partners/<slug:slug>/culture/brief/", culture.culture_brief, name="culture-brief"),
]

# --- partner surveys (relationships/views/surveys.py) ---
from .views import surveys  # noqa: E402

urlpatterns += [
    path("surveys/", surveys.survey_list, name="survey-list"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey-detail"),
    path("partners/<slug:slug>/surveys/send/", surveys.survey_send, name="survey-send"),
]

# --- partners' feedback (relationships/views/feedback.py) ---
from .views import feedback  # noqa: E402

urlpatterns += [
    path("feedback/", feedback.feedback_list, name="feedback-list"),
    path("feedback/<int:pk>/", feedback.feedback_detail, name="feedback-detail"),
    path("feedback/<int:pk>/assign/", feedback.feedback_assign, name="feedback-assign"),
    path("feedback/<int:pk>/answer/", feedback.feedback_answer, name="feedback-answer"),
    path("feedback/<int:pk>/close/", feedback.feedback_close, name="feedback-close"),
]
