from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = "Partner program and incentives"

    def ready(self):
        from . import panels

        panels.register()

        # Audit trail (signal-based by design: every program and claim decision, tier change,
        # resource edit, certification decision and rules version is recorded, whoever makes it).
        from auditlog.registry import auditlog

        from .models import (
            Acknowledgement,
            Benefit,
            Certification,
            Course,
            IncentiveClaim,
            IncentiveProgram,
            Resource,
            RulesOfEngagement,
            TierChange,
            TierRequirement,
        )

        auditlog.register(IncentiveProgram, m2m_fields={"eligible_tiers"})
        auditlog.register(IncentiveClaim)
        for model in (TierRequirement, Benefit, TierChange, Resource):
            auditlog.register(model)
        for model in (Course, Certification, RulesOfEngagement, Acknowledgement):
            auditlog.register(model)
