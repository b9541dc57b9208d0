"""Default culture descriptors (how each type shows in each dimension) and assimilation
guidelines (how to work with a partner of that type). Admins edit both afterwards."""

from django.db import migrations

DESCRIPTORS = {
    (
        "decision_making",
        "bureaucratic",
    ): "By hierarchy and formal procedure: decisions go up the chain and follow written rules.",
    (
        "decision_making",
        "collaborative",
    ): "By consensus: the people affected are consulted and agree before anything moves.",
    (
        "decision_making",
        "entrepreneurial",
    ): "Fast, by whoever owns the opportunity; speed matters more than procedure.",
    (
        "decision_making",
        "individualistic",
    ): "By individuals on their own account, each optimising their own results.",
    (
        "work_structure",
        "bureaucratic",
    ): "Clear roles, departments and job descriptions; work follows defined processes.",
    (
        "work_structure",
        "collaborative",
    ): "Cross-functional teams that share the work and the responsibility.",
    (
        "work_structure",
        "entrepreneurial",
    ): "Fluid and project-based; people move to wherever the opportunity is.",
    (
        "work_structure",
        "individualistic",
    ): "Autonomous specialists and account owners who organise their own work.",
    (
        "communication",
        "bureaucratic",
    ): "Formal and written, through official channels and the hierarchy.",
    (
        "communication",
        "collaborative",
    ): "Open and frequent, in meetings and shared spaces; information is shared widely.",
    (
        "communication",
        "entrepreneurial",
    ): "Direct, informal and quick; short messages, little documentation.",
    (
        "communication",
        "individualistic",
    ): "One-to-one and need-to-know; information is a personal asset.",
    ("control", "bureaucratic"): "Rules, approvals, audits and compliance with procedure.",
    ("control", "collaborative"): "Shared goals, peer accountability and team reviews.",
    (
        "control",
        "entrepreneurial",
    ): "Results and growth targets, with few controls on how they are reached.",
    (
        "control",
        "individualistic",
    ): "Personal targets and commission; each person measured on their own numbers.",
    ("power", "bureaucratic"): "Position and title in the hierarchy.",
    ("power", "collaborative"): "Relationships, trust and the ability to bring people together.",
    ("power", "entrepreneurial"): "Ideas, initiative and a track record of winning new business.",
    (
        "power",
        "individualistic",
    ): "Personal expertise, customer ownership and individual performance.",
}

GUIDELINES = {
    (
        "bureaucratic",
        "decision_making",
    ): "Find the formal decision path early: who signs, which committee, which procedure. Prepare written proposals that fit their templates, allow time for approvals and never try to shortcut the hierarchy.",
    (
        "bureaucratic",
        "work_structure",
    ): "Map their departments and match counterparts role for role. Agree responsibilities in writing and respect their processes in joint plans.",
    (
        "bureaucratic",
        "communication",
    ): "Communicate formally and in writing through the agreed channels; copy the right managers, and confirm meetings with agendas and minutes.",
    (
        "bureaucratic",
        "control",
    ): "Offer documentation, compliance evidence and clear reporting. Make joint targets auditable and fit them to their review cycles.",
    (
        "bureaucratic",
        "power",
    ): "Engage at the right level of seniority: titles matter. Have our executives meet theirs and get the senior sponsor's endorsement visibly.",
    (
        "collaborative",
        "decision_making",
    ): "Expect consensus to take time: involve every stakeholder early, run workshops and let them shape the proposal so they own it.",
    (
        "collaborative",
        "work_structure",
    ): "Build joint teams with shared responsibility; include their people in our planning sessions and join theirs.",
    (
        "collaborative",
        "communication",
    ): "Be open and frequent; share information generously, hold regular joint meetings and use shared workspaces.",
    (
        "collaborative",
        "control",
    ): "Agree shared goals and review them together; stress joint accountability rather than individual blame.",
    (
        "collaborative",
        "power",
    ): "Invest in trust across the whole team, not just at the top: the respected connectors carry the decisions.",
    (
        "entrepreneurial",
        "decision_making",
    ): "Bring opportunities, not procedures: a short business case with the upside, and be ready to decide quickly with the person who owns it.",
    (
        "entrepreneurial",
        "work_structure",
    ): "Keep the engagement light and project-based; offer flexible programs and fast onboarding instead of heavy process.",
    (
        "entrepreneurial",
        "communication",
    ): "Be direct, brief and responsive: a short call beats a long document. Follow up fast.",
    (
        "entrepreneurial",
        "control",
    ): "Tie incentives and reviews to results and growth; avoid reporting requirements that slow them down.",
    (
        "entrepreneurial",
        "power",
    ): "Win over the founders and deal-makers with ideas and early wins; show how we help them open new business.",
    (
        "individualistic",
        "decision_making",
    ): "Find the individual who owns the decision and what is in it for them personally; tailor the proposal to their own goals.",
    (
        "individualistic",
        "work_structure",
    ): "Work account by account with the individual owners; do not assume a team will carry our program.",
    (
        "individualistic",
        "communication",
    ): "Communicate one-to-one and on a need-to-know basis; build a personal relationship with each key individual.",
    (
        "individualistic",
        "control",
    ): "Use personal incentives (SPIFFs, individual recognition) and measure individual results; make their wins visible.",
    (
        "individualistic",
        "power",
    ): "Respect expertise and customer ownership; engage the top performers directly and make them the heroes of the partnership.",
}


def add_defaults(apps, schema_editor):
    Descriptor = apps.get_model("relationships", "CultureDescriptor")
    Guideline = apps.get_model("relationships", "CultureGuideline")
    for (dimension, culture_type), text in DESCRIPTORS.items():
        Descriptor.objects.get_or_create(
            dimension=dimension, culture_type=culture_type, defaults={"text": text}
        )
    for (culture_type, dimension), guidance in GUIDELINES.items():
        Guideline.objects.get_or_create(
            culture_type=culture_type, dimension=dimension, defaults={"guidance": guidance}
        )


def remove_defaults(apps, schema_editor):
    apps.get_model("relationships", "CultureDescriptor").objects.all().delete()
    apps.get_model("relationships", "CultureGuideline").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("relationships", "0005_create_culture_assessments")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
