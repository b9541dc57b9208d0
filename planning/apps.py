from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = "Channel planning"

    def ready(self):
        from django.db.models.signals import post_migrate

        from prm.lib.audit import audited
        from prm.lib.reference_data import restore_after_flush

        from . import models, panels

        panels.register()
        # The channel processes are reference data a data migration creates: back after a flush.
        self._restore_reference_data = restore_after_flush(
            [("planning.migrations.0005_maturity_default_processes", "ensure_processes")]
        )
        post_migrate.connect(self._restore_reference_data, sender=self)
        # Audit trail (signal-based by design: every save is recorded, whoever makes it).
        audited(models.Escalation)
        # --- maturity ---
        audited(models.OperationsAssessment, models.ProcessRating)
