"""Words for the demo data of `relationships.demo`: names, titles, departments and the texts
of analyses, plans, actions and interactions. Data only."""

FIRST_NAMES = [
    "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Grace", "Hannah", "Ivan", "Julia",
    "Kenji", "Laura", "Marco", "Nadia", "Oliver", "Priya", "Quentin", "Rosa", "Samuel", "Tara",
    "Umar", "Valerie", "William", "Xenia", "Yusuf", "Zoe", "Amira", "Bruno", "Chloé", "Daniel",
    "Emma", "Farid", "Gabriel", "Helena", "Isabel", "Jakob", "Katarzyna", "Lars", "Mei", "Nikolai",
    "Olga", "Pablo", "Rahul", "Sofia", "Thomas", "Ulrike", "Viktor", "Wen", "Yara", "Aisha",
    "Björn", "Camille", "Diego", "Eva", "Femi", "Giulia", "Hiroshi", "Ingrid", "Jonas", "Leila",
    "Mateo", "Noor", "Patrick", "Sara", "Tobias", "Lucía", "Mikael", "Sanjay", "Fatima", "Ryan",
]  # fmt: skip
LAST_NAMES = [
    "Schmidt", "Okafor", "Rossi", "Müller", "Dubois", "Nakamura", "Johansson", "García",
    "Kowalski", "Novak", "Andersen", "Silva", "Fischer", "Moreau", "Patel", "Kim", "Nguyen",
    "O'Brien", "van Dijk", "Jansen", "Bianchi", "Costa", "Lindqvist", "Schneider", "Lefebvre",
    "Hernández", "Weber", "Wagner", "Becker", "Hoffmann", "Ferrari", "Romano", "Petrov", "Ivanova",
    "Horvath", "Nowak", "Eriksson", "Larsen", "Nielsen", "Murphy", "Walsh", "Campbell", "Martin",
    "Bernard", "Sato", "Tanaka", "Chen", "Wang", "Singh", "Sharma", "Haddad", "Mensah", "Adeyemi",
    "Cohen", "Levi", "Santos", "Pereira", "Fernández", "López", "Keller", "Brunner", "Vogel",
    "Meyer", "Richter", "Klein", "Wolf", "Fontaine", "Laurent", "Marino", "Greco", "Svensson",
]  # fmt: skip

# By size class: large (60+ people), medium (20+), small.
CEO_TITLES = ["Chief Executive Officer", "Managing Director", "Founder & CEO"]
ALLIANCES_TITLE = "Head of Vendor Alliances"
# Reporting to the CEO in the Executive unit, from a company size on: (title, size, role).
EXECUTIVE_EXTRAS = [
    (ALLIANCES_TITLE, 15, "head"), ("Chief of Staff", 45, "head"),
    ("Executive Assistant", 30, "ic"),
]  # fmt: skip

DEPARTMENTS = [
    {
        "unit": "Sales", "share": 34, "min_size": 0,
        "heads": ["Chief Revenue Officer", "VP Sales", "Sales Director"],
        "leads": ["Regional Sales Director", "Sales Manager", "Sales Team Lead"],
        "ics": ["Key Account Manager", "Channel Account Manager", "Senior Account Executive",
                "Account Executive", "Inside Sales Representative",
                "Sales Development Representative"],
        "teams": ["North", "South", "East", "West", "Central", "Enterprise Accounts",
                  "Public Sector", "Mid-Market"],
    },
    {
        "unit": "Services & Delivery", "share": 22, "min_size": 8,
        "heads": ["VP Professional Services", "Director of Services", "Head of Delivery"],
        "leads": ["Delivery Manager", "Project Manager", "Team Lead"],
        "ics": ["Senior Consultant", "Cloud Architect", "Implementation Consultant",
                "Project Coordinator", "Support Engineer", "Implementation Engineer"],
        "teams": ["Professional Services", "Managed Services", "Customer Support", "Training",
                  "Project Office", "Cloud Operations", "Migration Factory"],
    },
    {
        "unit": "Presales", "share": 15, "min_size": 12,
        "heads": ["Chief Technology Officer", "Technical Director", "Head of Presales"],
        "leads": ["Presales Manager", "Lead Solution Architect", "Presales Team Lead"],
        "ics": ["Principal Solution Architect", "Solution Architect", "Senior Presales Engineer",
                "Presales Engineer", "Technical Consultant", "Demo Engineer"],
        "teams": ["Solution Architecture", "Presales Engineering", "Technical Enablement",
                  "Demo Center", "Security Practice", "Data Practice", "Cloud Practice"],
    },
    {
        "unit": "Finance", "share": 8, "min_size": 10,
        "heads": ["Chief Financial Officer", "Finance Director", "Head of Finance"],
        "leads": ["Finance Manager", "Procurement Manager", "Team Lead Accounting"],
        "ics": ["Financial Controller", "Vendor Manager", "Purchasing Specialist", "Accountant",
                "Billing Specialist", "Accounts Payable Clerk"],
        "teams": ["Accounting", "Purchasing", "Controlling", "Billing", "Treasury", "Legal"],
    },
    {
        "unit": "Marketing", "share": 10, "min_size": 16,
        "heads": ["Chief Marketing Officer", "Marketing Director", "Head of Marketing"],
        "leads": ["Marketing Manager", "Campaign Manager", "Team Lead Digital"],
        "ics": ["Partner Marketing Manager", "Product Marketing Manager",
                "Content Marketing Manager", "Marketing Specialist",
                "Digital Marketing Specialist", "Events Coordinator"],
        "teams": ["Partner Marketing", "Digital Marketing", "Events", "Communications",
                  "Product Marketing", "Demand Generation"],
    },
    {
        "unit": "Operations", "share": 11, "min_size": 22,
        "heads": ["Chief Operating Officer", "Operations Director", "Head of Operations"],
        "leads": ["Operations Manager", "IT Manager", "Team Lead Logistics"],
        "ics": ["Business Analyst", "Operations Analyst", "IT Administrator",
                "Logistics Coordinator", "Order Management Specialist", "Office Coordinator"],
        "teams": ["Logistics", "IT Operations", "Business Operations", "Order Management",
                  "Facilities", "HR & People"],
    },
]  # fmt: skip

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
        f"{person.title}: responsible for {RESPONSIBILITIES[person.department]} "
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
