"""What this app registers with the core: the partner page's tabs, the layer over the org
chart, the dashboard panel, menu entries and the demo seeder. Their contexts live in one
module per area (`engagement`, `stakeholders`, `culture`, `orgchart`), named by dotted path
and imported when first used."""

from django.utils.translation import gettext_lazy as _

from prm import demo, inbox, menus, panels

PARTNER_TABS = [
    # key, label, order, template, context
    ("relationships", _("Relationships"), 20, "relationships/partner_tab_relationships.html",
     "relationships.panels.engagement.relationships_tab_context"),
    ("influence", _("Influence map"), 40, "relationships/partner_tab_influence.html",
     "relationships.panels.stakeholders.influence_tab_context"),
    ("culture", _("Culture"), 45, "relationships/partner_tab_culture.html",
     "relationships.panels.culture.culture_tab_context"),
    ("timeline", _("Timeline"), 50, "relationships/partner_tab_timeline.html",
     "relationships.panels.engagement.timeline_tab_context"),
    ("feedback", _("Feedback"), 55, "relationships/partner_tab_feedback.html",
     "relationships.panels.feedback.feedback_tab_context"),
]  # fmt: skip


def register() -> None:
    demo.register_seeder("relationships", "relationships.demo.seed", after=("partners",))
    menus.register_menu_item(
        "main", key="relationships", label=_("Relationships"), order=20,
        url_name="relationships:portfolio", active=("relationships:portfolio",),
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="culture", label=_("Culture"), order=30,
        url_name="relationships:culture-portfolio", active=("relationships:culture*",),
    )  # fmt: skip
    for key, label, order, template, context in PARTNER_TABS:
        panels.register_tab(
            "partner", key=key, label=label, order=order, template=template, context=context
        )
    _register_feedback()
    panels.register_panel(
        "orgchart",
        key="stakeholders",
        template="relationships/orgchart_layer.html",
        context="relationships.panels.orgchart.stakeholder_layer",
    )
    panels.register_panel(
        "dashboard",
        key="relationship-alerts",
        order=30,
        template="relationships/panel_dashboard_alerts.html",
        context="relationships.panels.engagement.dashboard_alerts_context",
    )
    from . import surveys

    surveys.register()


def _register_feedback() -> None:
    from .. import notifications
    from .feedback import may_send

    notifications.register()
    menus.register_menu_item(
        "main", key="feedback", label=_("Feedback"), order=35,
        url_name="relationships:feedback-list", active=("relationships:feedback-*",),
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="feedback", label=_("Your feedback"), order=900,
        url_name="relationships-portal:feedback-list", active=("relationships-portal:feedback-*",),
        visible=may_send,
    )  # fmt: skip
    menus.register_menu_item(
        "portal_actions", key="feedback", label=_("Feedback"),
        url_name="relationships-portal:feedback-create", visible=may_send,
    )  # fmt: skip
    inbox.register_source(
        key="feedback", label=_("Partner feedback to answer"), audience="staff",
        selector="relationships.selectors.inbox.feedback_to_answer", order=80,
    )  # fmt: skip
