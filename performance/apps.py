from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance"

    def ready(self):
        from django.db.models.signals import post_migrate

        from prm.lib.reference_data import restore_after_flush

        from . import panels

        self._restore_reference_data = restore_after_flush(
            [("performance.migrations.0003b_add_default_metrics", "add_metrics")]
        )
        post_migrate.connect(self._restore_reference_data, sender=self)

        panels.register()

        # Audit trail (signal-based by design: every save is recorded, whoever makes it).
        from prm.lib.audit import audited

        from . import models

        audited(models.DealRegistration, m2m_fields={"conflicts"})
        audited(models.Target, models.TargetProposal, models.Actual, models.Metric)
        audited(models.PerformanceAudit, models.PerformanceAuditAction, models.AuditWeights)
        audited(models.BusinessPlan, models.PlanAction)
        audited(models.ScoringWeights)
        audited(models.Review, m2m_fields={"our_attendees", "their_attendees"})
