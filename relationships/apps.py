from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "relationships"
    verbose_name = "Relationships"

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import post_migrate

        from prm.lib.reference_data import restore_after_flush

        self._restore_reference_data = restore_after_flush(
            [("relationships.migrations.0006_culture_defaults", "add_defaults")]
        )
        post_migrate.connect(self._restore_reference_data, sender=self)

        from . import models, panels

        # Audit entries come from signals so no write path (page, API, admin) can skip them.
        auditlog.register(models.Stakeholder, m2m_fields={"owners"})
        auditlog.register(models.RelationshipPlan, m2m_fields={"related_stakeholders"})
        auditlog.register(models.EngagementAction, m2m_fields={"stakeholders"})
        auditlog.register(models.RelationshipObjective)
        auditlog.register(models.CultureAssessment)
        auditlog.register(models.CultureDescriptor)
        auditlog.register(models.CultureGuideline)
        # Interactions are a log already (who logged what, when); a year of them per partner
        # would only double in the audit table.
        panels.register()
