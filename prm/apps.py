from django.apps import AppConfig


class PrmConfig(AppConfig):
    name = "prm"
    verbose_name = "PRM core"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])
