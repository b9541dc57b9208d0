"""Our judgement of partners and their people, internal only; and the partner's own voice,
which its users answer and read in the portal: the partner surveys and the feedback partners
send us with our answers to it (`feedback`)."""

from .culture import (  # noqa: F401
    CultureAssessment,
    CultureDescriptor,
    CultureDimension,
    CultureGuideline,
    CultureRating,
    CultureType,
)
from .feedback import (  # noqa: F401
    OPEN_FEEDBACK_STATUSES,
    Feedback,
    FeedbackCategory,
    FeedbackStatus,
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
