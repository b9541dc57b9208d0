from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = "Partner program and incentives"

    def ready(self):
        from . import panels

        panels.register()

        # Audit trail of incentive programs and claims (signal-based by design: every
        # decision and payment is recorded, whoever makes it).
        from auditlog.registry import auditlog

        from .models.claims import IncentiveClaim, IncentiveProgram

        auditlog.register(IncentiveProgram, m2m_fields={"eligible_tiers"})
        auditlog.register(IncentiveClaim)

        # Audit trail of the program area (signal-based: every tier change and resource edit).
        from auditlog.registry import auditlog

        from .models.program import Benefit, Resource, TierChange, TierRequirement

        for model in (TierRequirement, Benefit, TierChange, Resource):
            auditlog.register(model)

        # Audit trail of enablement (signal-based: certification decisions and rules versions).
        from .models.enablement import Acknowledgement, Certification, Course, RulesOfEngagement

        for model in (Course, Certification, RulesOfEngagement, Acknowledgement):
            auditlog.register(model)
