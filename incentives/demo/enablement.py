"""Demo enablement: a course catalogue, certifications of many partners' people (some expiring
soon, some awaiting review), six versions of the rules over 18 months (two significant in the
last year, so the stability warning shows; three published in the last 90 days, so scoring's
"rules changing too often" alert shows) and most partners' acknowledgements.

Deterministic; a second run adds nothing (it stops if courses already exist).
"""

import datetime
from random import Random

from django.utils import timezone

from partners import selectors as partner_selectors

from ..models import Acknowledgement, Certification, Course, RulesOfEngagement
from ..services.enablement import add_months

COURSES = [
    ("Platform Fundamentals", "Platform", "foundation", 24),
    ("Platform Administrator", "Platform", "professional", 24),
    ("Platform Architect", "Platform", "expert", 36),
    ("Analytics Essentials", "Analytics", "foundation", 24),
    ("Analytics Data Engineer", "Analytics", "professional", 24),
    ("Analytics Solution Expert", "Analytics", "expert", 36),
    ("Security Foundations", "Security", "foundation", 12),
    ("Security Operations Specialist", "Security", "professional", 24),
    ("Cloud Migration Specialist", "Cloud Services", "professional", 24),
    ("Cloud Solutions Architect", "Cloud Services", "expert", 36),
    ("Sales Accreditation", "All products", "foundation", 12),
    ("Pre-sales Technical Accreditation", "All products", "professional", 12),
]
RULES = [
    (540, True, "Deal registration becomes mandatory for discounts above 20%."),
    (300, False, "Clarified how co-selling with our direct team is credited."),
    (200, True, "Territories are now assigned by segment; protection cut from 120 to 90 days."),
    (60, False, "Clarified which segment a multi-site customer belongs to."),
    (45, True, "Special-bid discounts require a joint account plan for deals over 250k."),
    (20, False, "Corrected the escalation contacts for disputes."),
]
RULES_TEXT = """1. Register every opportunity before quoting a discount.
2. An approved registration protects the customer for the protection period.
3. Our direct team does not compete for a protected customer.
4. Special-bid discounts follow the program tier's limits.
5. Disputes go to the partner's channel manager first, then to the channel director."""


def _certifications(rng, contacts, courses, requester, decider, today, now):
    rows = []
    for contact in contacts:
        for course in rng.sample(courses, rng.choice([0, 1, 1, 2, 3])):
            earned = today - datetime.timedelta(days=rng.randint(5, 30 * course.validity_months))
            if rng.random() < 0.12:  # expiring within the next 60 days
                earned = add_months(today, -course.validity_months) + datetime.timedelta(
                    days=rng.randint(1, 59)
                )
            status = Certification.Status.APPROVED
            if rng.random() < 0.1:
                status = Certification.Status.REQUESTED
            elif rng.random() < 0.04:
                status = Certification.Status.REJECTED
            decided = status != Certification.Status.REQUESTED
            rows.append(
                Certification(
                    contact=contact,
                    course=course,
                    earned_on=earned,
                    expires_on=add_months(earned, course.validity_months),
                    status=status,
                    requested_by=requester,
                    decided_by=decider if decided else None,
                    decided_at=now if decided else None,
                )  # fmt: skip
            )
    return rows


def seed(state) -> None:
    if Course.objects.exists():
        return
    rng = Random(f"{state.seed}:enablement")
    today, now = timezone.localdate(), timezone.now()
    manager = state.users.get("manager")
    courses = Course.objects.bulk_create(
        Course(name=n, product=p, level=lvl, validity_months=m) for n, p, lvl, m in COURSES
    )
    contacts = list(partner_selectors.contacts().current().order_by("pk"))
    certifications = _certifications(rng, contacts, courses, manager, manager, today, now)
    Certification.objects.bulk_create(certifications, batch_size=1000)
    versions = [
        RulesOfEngagement(
            version=index,
            effective_on=today - datetime.timedelta(days=age),
            significant=significant,
            summary=summary,
            full_text=RULES_TEXT,
            published_by=manager,
            published_at=now - datetime.timedelta(days=age + 14),
        )  # fmt: skip
        for index, (age, significant, summary) in enumerate(RULES, start=1)
    ]
    RulesOfEngagement.objects.bulk_create(versions)
    current = RulesOfEngagement.objects.order_by("-version").first()
    partners = list(partner_selectors.partners().order_by("pk"))
    acknowledging = [p for p in partners if rng.random() < 0.8]
    portal_user = partner_selectors.portal_users_by_partner()
    Acknowledgement.objects.bulk_create(
        Acknowledgement(
            partner=p,
            rules=current,
            acknowledged_by_id=portal_user.get(p.pk, manager.pk),
            acknowledged_at=now - datetime.timedelta(days=rng.randint(1, 40)),
        )  # fmt: skip
        for p in acknowledging
    )
    state.report("courses", len(courses))
    state.report("certifications", len(certifications))
    state.report("rules of engagement versions", len(versions))
    state.report("rules acknowledgements", len(acknowledging))
