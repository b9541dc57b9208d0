"""REST resources of relationship management, one module per area (`stakeholders`,
`engagement`, `culture`, `feedback`). Vendor staff only: a partner user gets 403 on every
endpoint, list and detail alike, but `feedback`, which partners send us. Writes go through
`relationships.services`."""

from .culture import CultureAssessmentViewSet, CultureDescriptorViewSet, CultureGuidelineViewSet
from .engagement import EngagementActionViewSet, InteractionViewSet, RelationshipObjectiveViewSet
from .feedback import FeedbackViewSet
from .stakeholders import RelationshipPlanViewSet, StakeholderViewSet


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
    router.register("feedback", FeedbackViewSet, basename="feedback")
