"""Demo program terms: requirements and benefits of the four demo tiers and ~15 resources
(links, and three small generated text/CSV files, so no binary download is needed).

Deterministic; a second run adds nothing (it stops if resources already exist).
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from partners.models import ProgramTier

from .models import Benefit, Resource, TierRequirement

REQUIREMENTS = {  # tier → (annual revenue, certified people, audit score)
    "Silver": (Decimal("250000"), 2, 40),
    "Gold": (Decimal("1000000"), 5, 60),
    "Platinum": (Decimal("3000000"), 10, 75),
}
BENEFITS = {
    "Registered": [("discount", "10% off list", 10), ("deal_protection", "60 days", 60)],
    "Silver": [("discount", "18% off list", 18), ("deal_protection", "90 days", 90),
               ("mdf", "Eligible, up to 10k per year", 10000)],
    "Gold": [("discount", "25% off list", 25), ("deal_protection", "120 days", 120),
             ("mdf", "Eligible, up to 50k per year", 50000),
             ("cam_time", "Named channel account manager, 4 h per month", 4),
             ("technical", "Pre-sales engineer on request", None)],
    "Platinum": [("discount", "32% off list", 32), ("deal_protection", "180 days", 180),
                 ("mdf", "Eligible, up to 150k per year", 150000),
                 ("cam_time", "Dedicated channel account manager", None),
                 ("technical", "Dedicated solution architect", None),
                 ("special_bid", "Special bid discounts up to 45%", 45)],
}  # fmt: skip
LINKS = [
    ("Partner program guide", "sales", None, "https://example.com/program-guide"),
    ("Brand and logo usage", "marketing", None, "https://example.com/brand"),
    ("Product overview deck", "sales", None, "https://example.com/overview-deck"),
    ("Training portal", "training", None, "https://example.com/training"),
    ("Competitive battlecards", "sales", "Silver", "https://example.com/battlecards"),
    ("Co-marketing campaign kits", "marketing", "Silver", "https://example.com/campaign-kits"),
    ("Reference architectures", "technical", "Silver", "https://example.com/architectures"),
    ("Demo environment access", "technical", "Gold", "https://example.com/demo-env"),
    ("Roadmap briefing (NDA)", "sales", "Gold", "https://example.com/roadmap"),
    ("MDF claim handbook", "marketing", "Gold", "https://example.com/mdf-handbook"),
    ("Executive sponsor programme", "sales", "Platinum", "https://example.com/exec-sponsor"),
    ("Beta programme sign-up", "technical", "Platinum", "https://example.com/beta"),
]
FILES = [
    ("Discount matrix", "legal", "Silver", "discount-matrix.csv",
     "tier,discount_percent,deal_protection_days\nRegistered,10,60\nSilver,18,90\n"
     "Gold,25,120\nPlatinum,32,180\n"),
    ("Deal registration checklist", "sales", None, "deal-registration-checklist.txt",
     "Before you quote:\n1. Register the opportunity.\n2. Wait for approval.\n"
     "3. Quote within the protection period.\n"),
    ("Technical onboarding notes", "technical", "Gold", "technical-onboarding.txt",
     "Sandbox access, support escalation paths and the partner engineering contacts.\n"),
]  # fmt: skip


def seed(state) -> None:
    if Resource.objects.exists():
        return
    tiers = {tier.name: tier for tier in ProgramTier.objects.all()}
    for name, (revenue, people, score) in REQUIREMENTS.items():
        if name in tiers:
            TierRequirement.objects.get_or_create(
                tier=tiers[name],
                defaults={"min_annual_revenue": revenue, "min_certified_people": people,
                          "min_audit_score": score},
            )  # fmt: skip
    for name, rows in BENEFITS.items():
        for kind, value, amount in rows if name in tiers else []:
            Benefit.objects.get_or_create(
                tier=tiers[name], kind=kind, defaults={"value": value, "amount": amount}
            )
    for title, category, tier, link in LINKS:
        Resource.objects.create(
            title=title, category=category, minimum_tier=tiers.get(tier), link=link,
            description=f"{title} for {tier or 'every'} partner{'s' if not tier else 's and up'}.",
        )  # fmt: skip
    for title, category, tier, filename, text in FILES:
        resource = Resource(title=title, category=category, minimum_tier=tiers.get(tier))
        resource.description = "A small generated file."
        resource.file.save(filename, ContentFile(text.encode()), save=False)
        resource.save()
