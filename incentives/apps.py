from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = "Partner program and incentives"

    def ready(self):
        from . import panels

        panels.register()
