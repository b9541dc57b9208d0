"""REST resources of the partners app, one module per area; `register(router)` mounts them all:
`registry` (partners, territories, segments, org units, contacts), `team` (portal
memberships and invitations), `corrections` (people corrections) and `announcements`."""

from .announcements import AnnouncementViewSet
from .corrections import ContactCorrectionViewSet
from .registry import (
    ContactPortalSerializer,
    ContactSerializer,
    PartnerPortalSerializer,
    PartnerSerializer,
)


def register(router) -> None:
    from .registry import register as register_registry
    from .team import register as register_team

    register_registry(router)
    register_team(router)
    router.register("contact-corrections", ContactCorrectionViewSet, basename="contact-correction")
    router.register("announcements", AnnouncementViewSet, basename="announcement")


__all__ = [
    "ContactPortalSerializer", "ContactSerializer", "PartnerPortalSerializer",
    "PartnerSerializer", "register",
]  # fmt: skip
