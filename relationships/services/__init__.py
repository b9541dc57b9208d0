"""Writes of the relationship management plan, one module per area. Every page, the API, the
admin and the demo use these; import them from here:

- `stakeholders`: analyses, the champion, individual relationship plans
- `engagement`: engagement actions, interactions, relationship objectives
- `culture`: culture assessments, their validation, our own profile, the reference text
- `feedback`: partners' feedback, sent from the portal, assigned, answered and closed
"""

from .culture import (
    culture_assessment_create,
    culture_assessment_update,
    culture_assessment_validate,
    culture_descriptor_update,
    culture_guideline_update,
    culture_own_make_current,
)
from .engagement import (
    action_create,
    action_delete,
    action_update,
    interaction_delete,
    interaction_log,
    interaction_update,
    objective_create,
    objective_delete,
    objective_update,
)
from .feedback import feedback_answer, feedback_assign, feedback_close, feedback_send
from .stakeholders import (
    champion_clear,
    champion_designate,
    plan_create,
    plan_delete,
    plan_update,
    stakeholder_create,
    stakeholder_delete,
    stakeholder_update,
)

__all__ = [
    "action_create", "action_delete", "action_update", "champion_clear", "champion_designate",
    "culture_assessment_create", "culture_assessment_update", "culture_assessment_validate",
    "culture_descriptor_update", "culture_guideline_update", "culture_own_make_current",
    "feedback_answer", "feedback_assign", "feedback_close", "feedback_send",
    "interaction_delete", "interaction_log", "interaction_update", "objective_create",
    "objective_delete", "objective_update", "plan_create", "plan_delete", "plan_update",
    "stakeholder_create", "stakeholder_delete", "stakeholder_update",
]  # fmt: skip
