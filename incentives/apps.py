from django.apps import AppConfig


class IncentivesConfig(AppConfig):
    name = "incentives"
    verbose_name = "Partner program and incentives"

    def ready(self):
        from . import panels

        panels.register()

        # Audit trail (signal-based by design: every program and claim decision, tier change,
        # resource edit, certification decision and rules version is recorded, whoever makes it).
        from prm.lib.audit import audited

        from .models import (
            Acknowledgement,
            Benefit,
            Certification,
            Course,
            FundRequest,
            IncentiveClaim,
            IncentiveProgram,
            Resource,
            RulesOfEngagement,
            TierChange,
            TierRequirement,
        )

        audited(IncentiveProgram, m2m_fields={"eligible_tiers"})
        audited(IncentiveClaim, FundRequest)
        audited(TierRequirement, Benefit, TierChange, Resource)
        audited(Course, Certification, RulesOfEngagement, Acknowledgement)
