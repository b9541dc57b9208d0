from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance"

    def ready(self):
        from . import panels

        panels.register()

        # Audit trail of deal registrations (signal-based by design: every save is recorded).
        from auditlog.registry import auditlog

        from .models.deals import DealRegistration

        auditlog.register(DealRegistration, m2m_fields={"conflicts"})
