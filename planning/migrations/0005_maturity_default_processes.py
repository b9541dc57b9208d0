"""The eight channel processes of issue #15, each with what its five maturity levels look like.
Administrators edit the texts and add processes in the Django admin."""

from django.db import migrations

# key, name, description, then levels 1 (unstructured) to 5 (robust).
PROCESSES = [
    (
        "recruitment",
        "Recruitment",
        "Finding, qualifying and signing the partners we need.",
        (
            "Partners sign up when they happen to ask; nobody decides whether we want them.",
            "Managers recruit from their own contacts; a few go-to criteria live in people's heads.",
            "A written partner profile and a qualification checklist are used for every candidate; "
            "the pipeline of candidates is tracked.",
            "Recruitment targets come from the reach plan per territory and segment; candidates are "
            "scored against the profile and sources are compared by conversion.",
            "Recruitment follows the reach calculator's gaps; time-to-productive and early attrition "
            "of each cohort are reviewed and feed back into the profile every quarter.",
        ),
    ),
    (
        "onboarding",
        "Onboarding",
        "Bringing a signed partner to its first deal.",
        (
            "A new partner gets a login and a price list; the rest is up to them.",
            "The partner's manager runs a welcome call and sends material when asked.",
            "A standard onboarding plan (contract, portal, first training, first joint call) with "
            "dates is followed for every new partner.",
            "Onboarding milestones are tracked per partner; time to first deal is measured and "
            "stalled partners are escalated.",
            "Onboarding is tailored by partner type and tier; time to first deal is within target "
            "for most partners and the plan is improved from exit feedback.",
        ),
    ),
    (
        "enablement",
        "Enablement",
        "Training and certifying the partners' people.",
        (
            "No training programme; partners learn the product on customer projects.",
            "Training is given on request; certifications exist but nobody checks who holds them.",
            "A course catalogue and certification paths per role exist; tier requirements name the "
            "number of certified people.",
            "Certification coverage against tier requirements is monitored; expiring certifications "
            "are renewed before they lapse.",
            "Enablement is planned from each partner's gaps; nearly every partner meets its tier's "
            "certification requirement and win rates are compared by certification.",
        ),
    ),
    (
        "joint-business-planning",
        "Joint business planning",
        "Agreeing with each partner what we will achieve together and how.",
        (
            "No plans; expectations are implied by the contract.",
            "Some key partners have a slide deck of intentions, rarely revisited.",
            "Every active partner is expected to have an agreed yearly plan with targets and owned "
            "actions on both sides.",
            "Plans are agreed before the year starts; actions are tracked and reviewed at each "
            "business review.",
            "Plans are built jointly from the partner's own goals; attainment of planned actions "
            "and targets is reviewed every quarter and plans are adjusted.",
        ),
    ),
    (
        "incentives",
        "Incentives",
        "Rebates, SPIFFs, MDF and awards that drive partner behaviour.",
        (
            "Discounts are negotiated deal by deal; no programme.",
            "Some programmes exist, decided by whoever has budget; their purpose is not written down.",
            "Each programme names the behaviour it should drive, its budget, period and eligible "
            "tiers; claims follow one approval process.",
            "Claims are paid on time and the ROI of each programme is measured against the revenue "
            "it is credited with.",
            "Programmes are retired or changed on their measured ROI; rules change rarely and are "
            "announced ahead, so partners can plan their investment.",
        ),
    ),
    (
        "lead-management",
        "Lead management",
        "Deal registration, conflict checks and passing leads to partners.",
        (
            "Partners tell us about deals by email, if at all; conflicts are discovered at quote "
            "time.",
            "A registration form exists; decisions wait for whoever has time.",
            "Every registration is checked for conflicts and decided by a named person; the "
            "protection period follows the tier.",
            "Registrations are decided within the stated service level; win and loss are recorded "
            "for every approved deal.",
            "Decisions within the service level are the rule; lead distribution and win rates per "
            "partner are reviewed and feed into tiering.",
        ),
    ),
    (
        "performance-review",
        "Performance review",
        "Reviewing each partner's results with them on a regular cadence.",
        (
            "Partners are reviewed only when something goes wrong.",
            "Large partners get an occasional review; the date depends on the manager.",
            "Each tier has a review cadence and reviews follow a standard agenda with recorded "
            "outcomes.",
            "Reviews are held on cadence for most partners; audits and scores prepare every review "
            "and overdue reviews raise alerts.",
            "Nearly every partner is reviewed on cadence; outcomes drive remediation or exit "
            "decisions and are shared with the partner.",
        ),
    ),
    (
        "relationship-management",
        "Relationship management",
        "Knowing the people at each partner who matter and managing how we stand with them.",
        (
            "We know our one contact per partner; nothing is written down.",
            "Managers keep their own notes on key people; coverage depends on the manager.",
            "Key stakeholders are analysed (influence, stance, relationship level) for every "
            "active partner.",
            "Every active partner has a stakeholder analysis and a named champion; contact "
            "cadence is monitored.",
            "Individual relationship plans exist for the influential people; non-supporters are "
            "addressed deliberately and culture fit is part of the plan.",
        ),
    ),
]


def add_processes(apps, schema_editor):
    ChannelProcess = apps.get_model("planning", "ChannelProcess")
    for position, (key, name, description, levels) in enumerate(PROCESSES, start=1):
        ChannelProcess.objects.update_or_create(
            key=key,
            defaults={
                "name": name,
                "position": position * 10,
                "description": description,
                **{f"level_{index}": text for index, text in enumerate(levels, start=1)},
            },
        )


def ensure_processes(apps, schema_editor):
    """After a `flush` (planning.apps): the processes back, never overwriting an admin's edits."""
    ChannelProcess = apps.get_model("planning", "ChannelProcess")
    for position, (key, name, description, levels) in enumerate(PROCESSES, start=1):
        ChannelProcess.objects.get_or_create(
            key=key,
            defaults={
                "name": name,
                "position": position * 10,
                "description": description,
                **{f"level_{index}": text for index, text in enumerate(levels, start=1)},
            },
        )


def remove_processes(apps, schema_editor):
    ChannelProcess = apps.get_model("planning", "ChannelProcess")
    ChannelProcess.objects.filter(
        key__in=[key for key, *_ in PROCESSES], ratings__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0004_maturity")]

    operations = [migrations.RunPython(add_processes, remove_processes)]
