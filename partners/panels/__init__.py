"""What partners registers with the core: dashboard and portal panels, the partner page's tabs
(Overview, Org chart, History), menu entries and the demo seeder. The contexts live in one
module per area: `registry` (the partner, its place in the program, portal users) and
`orgchart` (its people and units, with the layers other apps draw over them)."""

from django.utils.translation import gettext_lazy as _

from prm import demo, menus, panels
from prm.lib import sign_in

from ..selectors import partner_exit_date
from . import people, registry

PARTNER_TABS = [
    # key, label, order, template, context
    ("overview", _("Overview"), 0, "partners/partner_tab_overview.html",
     registry.partner_overview_context),
    ("org-chart", "Org chart", 30, "partners/partner_tab_orgchart.html",
     "partners.panels.orgchart.orgchart_tab_context"),
    ("portal-users", _("Portal users"), 900, "partners/partner_tab_portal_users.html",
     "partners.views.team.team_tab_context"),
    ("history", _("History"), 1000, "partners/partner_tab_history.html",
     registry.partner_history_context),
]  # fmt: skip
PORTAL_HOME_PANELS = [
    # key, order, template, context
    ("company", 10, "partners/portal_panel_company.html", registry.portal_company_context),
    ("team", 20, "partners/portal_panel_team.html", registry.portal_team_context),
]


def _partner_admin(context) -> bool:
    return bool(getattr(context.get("membership"), "is_partner_admin", False))


def register() -> None:
    demo.register_seeder(
        "partners",
        "partners.demo.seed",
        after=("prm",),
        present="partners.selectors.partners_exist",
    )
    panels.register_panel(
        "dashboard",
        key="partner-counts",
        order=10,
        template="partners/panel_dashboard_counts.html",
        context=registry.dashboard_counts_context,
    )
    for key, label, order, template, context in PARTNER_TABS:
        panels.register_tab(
            "partner", key=key, label=label, order=order, template=template, context=context
        )
    for key, order, template, context in PORTAL_HOME_PANELS:
        panels.register_panel(
            "portal_home",
            key=key,
            order=order,
            template=template,
            context=context,
            section="company",
        )
    menus.register_menu_item(
        "main", key="partners", label=_("Partners"), order=10,
        url_name="partners:partner-list", active=("partners:*",),
    )  # fmt: skip
    menus.register_menu_item(
        "dashboard", key="add-partner", label=_("Add partner"), order=10,
        url_name="partners:partner-create",
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="home", label=_("Home"), order=0, url_name="portal:home",
        active=("portal:home",), home=True,
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="team", label=_("Team"), order=990, url_name="portal:team",
        active=("portal:team*",), visible=_partner_admin,
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="profile", label=_("Company profile"), order=1000,
        url_name="portal:profile-edit", active=("portal:profile-edit",), visible=_partner_admin,
    )  # fmt: skip
    people.register()
    from .. import notifications
    from . import search

    notifications.register()
    search.register()
    sign_in.register_access_end("partners", partner_exit_date)
