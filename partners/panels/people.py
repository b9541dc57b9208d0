"""What the people corrections and announcements register with `prm`: the portal home's
announcements panel, the portal's and the team's menu entries and the inbox source."""

from django.utils.translation import gettext_lazy as _

from prm import inbox, menus, panels

from .. import selectors

# The portal home shows the newest few; the announcements page has them all.
HOME_ANNOUNCEMENTS = 3


def portal_announcements_context(request, membership) -> dict:
    published = selectors.announcements_for_partner(partner=membership.partner)
    return {"announcements": list(published[:HOME_ANNOUNCEMENTS])}


def register() -> None:
    panels.register_panel(
        "portal_home", key="announcements", order=5,
        template="partners/portal_panel_announcements.html",
        context=portal_announcements_context,
    )  # fmt: skip
    inbox.register_source(
        key="people-corrections", label=_("People corrections to review"), audience="staff",
        selector="partners.selectors.inbox.corrections_to_review", order=50,
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="people", label=_("People"), order=20, url_name="portal:people",
        active=("portal:people", "portal:correction-propose"),
    )  # fmt: skip
    for key, label, order, url_name in (
        ("people-corrections", _("People corrections"), 20, "partners:correction-queue"),
        ("announcements", _("Announcements"), 30, "partners:announcement-list"),
    ):
        menus.register_menu_item("dashboard", key=key, label=label, order=order, url_name=url_name)
    menus.register_menu_item(
        "portal", key="announcements", label=_("Announcements"), order=900,
        url_name="portal:announcement-list", active=("portal:announcement-list",),
    )  # fmt: skip
