from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from auditlog.registry import auditlog

        from prm import panels

        from . import models, selectors

        # The audit trail is a signal-based hook by design: every save is recorded,
        # whichever service, admin action or import made it.
        auditlog.register(models.Partner, m2m_fields={"territories", "segments"})
        auditlog.register(models.Territory)
        auditlog.register(models.Segment)
        auditlog.register(models.ProgramTier)
        auditlog.register(models.PartnerMembership)
        auditlog.register(models.OrgUnit)
        auditlog.register(models.Contact)

        panels.register_panel(
            "dashboard",
            key="partner-counts",
            order=10,
            template="partners/panel_dashboard_counts.html",
            context=selectors.dashboard_counts_context,
        )
        panels.register_tab(
            "partner",
            key="overview",
            label="Overview",
            order=0,
            template="partners/partner_tab_overview.html",
            context=selectors.partner_overview_context,
        )
        panels.register_tab(
            "partner",
            key="history",
            label="History",
            order=1000,
            template="partners/partner_tab_history.html",
            context=selectors.partner_history_context,
        )
        panels.register_panel(
            "portal_home",
            key="company",
            order=10,
            template="partners/portal_panel_company.html",
            context=selectors.portal_company_context,
        )
        panels.register_panel(
            "portal_home",
            key="team",
            order=20,
            template="partners/portal_panel_team.html",
            context=selectors.portal_team_context,
        )
