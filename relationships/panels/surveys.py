"""Partner surveys' registrations: the partner page's "Surveys" tab, the portal menu entry, the
portal inbox source ("survey to answer"). The app registers its notification kinds once."""

from django.utils.translation import gettext_lazy as _

from prm import inbox, menus, panels

from ..selectors.surveys import staff_surveys

TAB_ROWS = 12


def surveys_tab_context(request, partner) -> dict:
    surveys = list(staff_surveys(partner_id=partner.pk)[: TAB_ROWS + 1])
    return {"partner": partner, "surveys": surveys[:TAB_ROWS], "more": len(surveys) > TAB_ROWS}


def register() -> None:
    # The notification kinds are registered once for the app, in `panels.register`.
    panels.register_tab(
        "partner", key="surveys", label=_("Surveys"), order=47,
        template="relationships/partner_tab_surveys.html", context=surveys_tab_context,
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="surveys", label=_("Surveys"), order=32,
        url_name="relationships:survey-list", active=("relationships:survey-*",),
    )  # fmt: skip
    menus.register_menu_item(
        "portal", key="surveys", label=_("Surveys"), order=95,
        url_name="relationships-portal:survey-list", active=("relationships-portal:survey-*",),
    )  # fmt: skip
    inbox.register_source(
        key="portal-surveys", label=_("Surveys to answer"), audience="portal",
        selector="relationships.selectors.surveys.portal_surveys_to_answer", order=40,
    )  # fmt: skip
