from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, panels

        # The audit trail is a signal-based hook by design: every save is recorded,
        # whichever service, admin action or import made it.
        auditlog.register(models.Partner, m2m_fields={"territories", "segments"})
        auditlog.register(models.Territory)
        auditlog.register(models.Segment)
        auditlog.register(models.ProgramTier)
        auditlog.register(models.PartnerMembership)
        auditlog.register(models.OrgUnit)
        auditlog.register(models.Contact)

        panels.register()
