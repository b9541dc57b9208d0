"""Words for the demo org charts of `partners.demo`: people's names, job titles, departments
and their teams. Data only."""

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
