from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = "Partner program and incentives"
