"""Words for the demo data of `relationships.demo`: the texts of analyses, plans, actions and
interactions, keyed by the department (a top-level unit) and the role of each person. Data
only."""

RESPONSIBILITIES = {
    "Executive": "company strategy, the vendor portfolio and the P&L",
    "Sales": "revenue, the sales team and the pipeline built on our products",
    "Services & Delivery": "delivering projects on time, utilisation and customer satisfaction",
    "Presales": "technical wins, solution design and the certifications of the presales team",
    "Finance": "budgets, margins, vendor contracts and payment terms",
    "Marketing": "demand generation, partner campaigns and the use of MDF",
    "Operations": "processes, tooling, logistics and internal IT",
}
SCOPE = {"ceo": "the whole company", "head": "the department", "lead": "their team",
         "ic": "their own accounts and projects"}  # fmt: skip


def responsibilities(person) -> str:
    return (
        f"{person.title}: responsible for "
        f"{RESPONSIBILITIES.get(person.department, 'their own area')} "
        f"across {SCOPE[person.role]}."
    )


OBJECTIVES = {
    "Executive": ["Grow recurring revenue by 20% while protecting margin.",
                  "Become the leading specialist for our platform in the region.",
                  "Reduce dependency on a single vendor without losing tier benefits."],
    "Sales": ["Hit the annual number with fewer, larger deals.",
              "Open ten new enterprise logos this year.",
              "Shorten the sales cycle with joint account planning."],
    "Services & Delivery": ["Raise utilisation above 75%.",
                            "Turn one-off projects into managed-service contracts.",
                            "Cut escalations by improving handover from sales."],
    "Presales": ["Win more technical evaluations against the incumbent.",
                 "Certify the whole team on the new release.",
                 "Build reusable demo environments."],
    "Finance": ["Improve gross margin on resale by two points.",
                "Simplify vendor payment terms and rebate tracking.",
                "Keep working capital under control while growing."],
    "Marketing": ["Generate qualified pipeline from partner campaigns.",
                  "Use the full MDF budget with measurable ROI.",
                  "Raise brand awareness in the mid-market."],
    "Operations": ["Automate ordering and licence management.",
                   "Standardise tooling across teams.",
                   "Scale operations without adding headcount."],
}  # fmt: skip


def objectives(department: str) -> list[str]:
    return OBJECTIVES.get(department, OBJECTIVES["Executive"])


DECIDES_ALONE = {
    "ceo": "Strategic vendor choices, investments and senior hires.",
    "head": "The department budget, its priorities and which vendors it pushes.",
    "lead": "Team priorities and discounts within their approval limit.",
    "ic": "Which products to propose in their own accounts.",
}
INFLUENCES = {
    "ceo": "Board decisions and the company's public positioning.",
    "head": "The executive team's view of each vendor; budget allocation.",
    "lead": "Their director's recommendations and the team's enthusiasm.",
    "ic": "Customer opinions and the team's day-to-day preferences.",
}

ADAPTABILITY = ["innovator", "visionary", "pragmatist", "conservative", "sceptic"]
ADOPTION_CURVE = [2.5, 13.5, 34, 34, 16]  # Rogers' diffusion of innovations, in percent
# Stance weights (supporter, neutral, non-supporter): how the partner feels about us overall.
CLIMATES = [[55, 35, 10], [35, 45, 20], [35, 45, 20], [20, 45, 35]]
LEVEL_FOR_STANCE = {
    "supporter": ([3, 4, 5], [3, 5, 2]),
    "neutral": ([1, 2, 3, 4], [1, 4, 4, 1]),
    "non_supporter": ([1, 2, 3], [4, 4, 2]),
}
CADENCE = {5: 14, 4: 30, 3: 45, 2: 90, 1: 120}
SENTIMENT = {"supporter": [5, 35, 60], "neutral": [15, 55, 30], "non_supporter": [40, 45, 15]}

CHAMPION_REASONS = [
    "{first} sponsored the joint business plan and defends our platform in every vendor review.",
    "As {title}, {first} opens doors to the executive team and briefs us before key decisions.",
    "{first} asked to be our reference customer speaker and pushes the team to certify.",
    "{first} chose our platform as the standard for new projects and tells everyone why.",
]


def plan_answers(person, rng) -> dict:
    analysis = person.analysis
    return {
        "position_and_responsibilities": responsibilities(person),
        "business_objectives": analysis.business_objectives,
        "value_we_provide": rng.choice([
            "Higher margins than competing vendors and predictable rebates.",
            "A faster path to certified, billable consultants.",
            "Leads from our marketing and joint account planning.",
            "A platform their customers ask for by name.",
        ]),
        "how_to_build_more_value": rng.choice([
            "Bring them into the partner advisory board.",
            "Co-fund a vertical campaign in their strongest segment.",
            "Offer early access to the roadmap and beta programs.",
            "Dedicated presales support for their top five opportunities.",
        ]),
        "decisions_and_influence": f"{analysis.decides_alone} {analysis.influences}",
        "current_relationship": rng.choice([
            "Good personal rapport; needs more business proof points.",
            "Mostly transactional so far; meetings happen around deals only.",
            "Trusting relationship built over several joint wins.",
            "Sceptical after last year's pricing change; rebuilding trust.",
        ]),
        "communication_frequency": rng.choice([
            "Monthly call, quarterly business review in person.",
            "Bi-weekly pipeline call; dinner at the partner summit.",
            "Quarterly executive meeting; ad-hoc calls on escalations.",
        ]),
        "value_communication": rng.choice([
            "Share quarterly margin and win-rate numbers compared with the market.",
            "Customer success stories from their own segment.",
            "A joint scorecard reviewed at every QBR.",
        ]),
    }  # fmt: skip


ACTIONS = [
    "Invite {first} to the partner advisory board",
    "Quarterly business review with the {title}",
    "Send {first} the ROI study for their segment",
    "Executive sponsor call between our VP and {first}",
    "Technical deep-dive on the new release for {first}'s team",
    "Agree joint account plan for the top ten customers with {first}",
    "Invite {first} to the customer summit",
    "Follow up on {first}'s pricing concerns",
    "Arrange certification bootcamp for {first}'s team",
    "Lunch with {first} to review the MDF plan",
]
ACTION_NOTES = [
    "", "", "Prepare numbers from the last two quarters.", "Ask the regional VP to join.",
    "Bring the customer reference deck.", "Check the agenda with their assistant first.",
]  # fmt: skip
OBJECTIVE_NOTES = [
    "Show the margin numbers and a reference from their own segment.",
    "Work through the supporters in their team first.",
    "Address the pricing concerns openly at the next QBR.",
]
PARTNER_OBJECTIVES = [
    "Find an executive sponsor in Finance",
    "Establish a champion in the sales leadership",
    "Cover every decision maker with a named owner",
    "Meet the new COO within their first 90 days",
]

CHANNELS = ["meeting", "call", "video", "email", "event", "social"]
CHANNEL_WEIGHTS = [15, 25, 20, 30, 5, 5]
NOTES = {
    "meeting": ["Met {first} on site to review the pipeline.",
                "Quarterly review with {first}; agreed next steps on the joint plan.",
                "Workshop with {first}'s team on the new release."],
    "call": ["Call with {first} about two open opportunities.",
             "Quick call: {first} asked about the new discount structure.",
             "Escalation call with {first} on a delayed project."],
    "video": ["Video call with {first} to plan the next campaign.",
              "Roadmap preview for {first} over video.",
              "Pipeline review with {first} over video."],
    "email": ["Sent {first} the updated price list.",
              "{first} replied about the certification plan.",
              "Shared the case study with {first}."],
    "event": ["Met {first} at the partner summit.",
              "{first} attended our customer roadshow."],
    "social": ["Dinner with {first} after the summit.",
               "Coffee with {first}; talked about their team's priorities."],
}  # fmt: skip
