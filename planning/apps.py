from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = "Channel planning"

    def ready(self):
        from prm.lib.audit import audited

        from . import models, panels

        panels.register()
        # Audit trail (signal-based by design: every save is recorded, whoever makes it).
        audited(models.Escalation)
