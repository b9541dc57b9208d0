from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from prm.lib.audit import audited

        from . import models, panels

        # The audit trail is a signal-based hook by design: every save is recorded,
        # whichever service, admin action or import made it.
        audited(models.Partner, m2m_fields={"territories", "segments"})
        audited(models.Territory)
        audited(models.Segment)
        audited(models.ProgramTier)
        audited(models.PartnerMembership)
        audited(models.OrgUnit)
        audited(models.Contact)
        audited(models.ContactCorrection)
        audited(models.Announcement, m2m_fields={"tiers", "territories", "segments"})

        panels.register()
