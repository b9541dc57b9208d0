from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "relationships"
    verbose_name = "Relationships"

    def ready(self):
        from django.db.models.signals import post_migrate

        from prm.lib.audit import audited
        from prm.lib.reference_data import restore_after_flush

        self._restore_reference_data = restore_after_flush(
            [("relationships.migrations.0006_culture_defaults", "add_defaults")]
        )
        post_migrate.connect(self._restore_reference_data, sender=self)

        from . import models, panels

        # Audit entries come from signals so no write path (page, API, admin) can skip them.
        audited(models.Stakeholder, m2m_fields={"owners"})
        audited(models.RelationshipPlan, m2m_fields={"related_stakeholders"})
        audited(models.EngagementAction, m2m_fields={"stakeholders"})
        audited(models.RelationshipObjective)
        audited(models.CultureAssessment)
        audited(models.CultureDescriptor)
        audited(models.CultureGuideline)
        # Interactions are edited after they are logged: who changed the notes matters too.
        audited(models.Interaction, m2m_fields={"stakeholders"})
        audited(models.Survey, models.SurveyResponse)
        audited(models.Feedback)
        panels.register()
