"""REST resources of relationship management, one module per area (`stakeholders`,
`engagement`, `culture`, `surveys`, `feedback`). Vendor staff only, but for the partner's own
voice: a partner user gets 403 on every endpoint, list and detail alike, except that it reads
and answers its own partner's surveys and sends and reads its feedback. Writes go through
`relationships.services`."""

from .culture import CultureAssessmentViewSet, CultureDescriptorViewSet, CultureGuidelineViewSet
from .engagement import EngagementActionViewSet, InteractionViewSet, RelationshipObjectiveViewSet
from .feedback import FeedbackViewSet
from .stakeholders import RelationshipPlanViewSet, StakeholderViewSet
from .surveys import SurveyResponseViewSet, SurveyViewSet


def register(router) -> None:
    router.register("stakeholders", StakeholderViewSet, basename="stakeholder")
    router.register("relationship-plans", RelationshipPlanViewSet, basename="relationship-plan")
    router.register("engagement-actions", EngagementActionViewSet, basename="engagement-action")
    router.register("interactions", InteractionViewSet, basename="interaction")
    router.register(
        "relationship-objectives", RelationshipObjectiveViewSet, basename="relationship-objective"
    )
    router.register("culture-assessments", CultureAssessmentViewSet, basename="culture-assessment")
    router.register("culture-guidelines", CultureGuidelineViewSet, basename="culture-guideline")
    router.register("culture-descriptors", CultureDescriptorViewSet, basename="culture-descriptor")
    # Partner surveys: the one part of this app partner users reach (their own partner's).
    router.register("surveys", SurveyViewSet, basename="survey")
    router.register("survey-responses", SurveyResponseViewSet, basename="survey-response")
    router.register("feedback", FeedbackViewSet, basename="feedback")
