"""Our judgement of partners and their people. Internal only: nothing here reaches the portal."""

from .culture import (  # noqa: F401
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureRating,
    CultureType,
)
from .stakeholders import *  # noqa: F401,F403
from .stakeholders import (  # noqa: F401
    STRATEGY_FOR_STANCE,
    STRATEGY_MEANING,
    Adaptability,
    DecisionOrientation,
    EngagementAction,
    Influence,
    Interaction,
    RelationshipLevel,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
    Stance,
    Strategy,
)
from .surveys import (  # noqa: F401
    QUESTION_KEYS,
    QUESTIONS,
    Survey,
    SurveyReason,
    SurveyResponse,
)
