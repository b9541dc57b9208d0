"""Demo partners: varied, deterministic, bulk-inserted (10,000 in seconds), with their tiers,
territories, segments and the portal logins."""

import datetime
import itertools
from decimal import Decimal

from django.utils.text import slugify

from prm.demo import ensure_user

from ..models import Partner, PartnerMembership, ProgramTier, Segment, Territory

TIERS = [("Registered", 1, 180), ("Silver", 2, 120), ("Gold", 3, 90), ("Platinum", 4, 60)]
TERRITORIES = [
    # name, code, capacity, countries
    ("DACH", "dach", 260, ["DE", "AT", "CH"]),
    ("Nordics", "nordics", 120, ["SE", "NO", "DK", "FI"]),
    ("UK & Ireland", "uki", 220, ["GB", "IE"]),
    ("Benelux", "benelux", 110, ["NL", "BE", "LU"]),
    ("France", "france", 160, ["FR"]),
    ("Iberia", "iberia", 110, ["ES", "PT"]),
    ("Italy", "italy", 100, ["IT"]),
    ("Central & Eastern Europe", "cee", 120, ["PL", "CZ", "HU", "RO"]),
    ("North America", "na", 420, ["US", "CA"]),
    ("Latin America", "latam", 140, ["BR", "MX", "AR", "CL", "CO"]),
    ("ANZ", "anz", 90, ["AU", "NZ"]),
    ("Southeast Asia", "sea", 120, ["SG", "MY", "ID", "TH", "PH", "VN"]),
    ("Japan", "japan", 80, ["JP"]),
    ("India", "india", 130, ["IN"]),
    ("Middle East & Africa", "mea", 110, ["AE", "SA", "ZA", "EG", "KE", "NG"]),
]
SEGMENTS = [
    ("Mid-market manufacturing", True), ("Financial services", True), ("Healthcare", True),
    ("Public sector", False), ("Retail & e-commerce", False), ("Small business", False),
    ("Enterprise technology", True), ("Education", False), ("Logistics", False),
    ("Energy & utilities", False),
]  # fmt: skip
PREFIXES = [
    "Northwind",
    "Bluepeak",
    "Brightline",
    "Cobalt",
    "Evergreen",
    "Falcon",
    "Granite",
    "Harbor",
    "Ironbridge",
    "Juniper",
    "Keystone",
    "Lighthouse",
    "Meridian",
    "Nimbus",
    "Oakridge",
    "Pinnacle",
    "Quantum",
    "Redwood",
    "Silverline",
    "Summit",
    "Tidewater",
    "Trailhead",
    "Vantage",
    "Westgate",
    "Zenith",
    "Aurora",
    "Beacon",
    "Cedar",
    "Clearwater",
    "Copperleaf",
    "Crescent",
    "Driftwood",
    "Ember",
    "Fjord",
    "Glacier",
    "Horizon",
    "Kestrel",
    "Lodestar",
    "Maple",
    "Nova",
    "Orchid",
    "Pacific",
    "Polar",
    "Prairie",
    "Riverbend",
    "Sagebrush",
    "Sequoia",
    "Skyline",
    "Solstice",
    "Starling",
    "Stonebridge",
    "Sunrise",
    "Thunderbird",
    "Upland",
    "Willow",
]
CORES = [
    "Tech",
    "Data",
    "Cloud",
    "Net",
    "Soft",
    "Logic",
    "Systems",
    "Digital",
    "Secure",
    "Grid",
    "Wave",
    "Core",
    "Edge",
    "Link",
    "Point",
    "Stack",
    "Bridge",
    "Forge",
    "Sphere",
    "Path",
    "Works",
    "Labs",
    "Signal",
    "Matrix",
    "Vector",
    "Pulse",
    "Flow",
    "Scale",
    "Sense",
    "Shift",
]
KINDS = [
    "Solutions",
    "Consulting",
    "Partners",
    "Group",
    "Networks",
    "Services",
    "Integration",
    "IT",
    "Technologies",
    "Advisory",
    "Infrastructure",
    "Managed Services",
]
LEGAL = {
    "DE": "GmbH", "AT": "GmbH", "CH": "AG", "GB": "Ltd", "IE": "Ltd", "FR": "SAS",
    "NL": "B.V.", "BE": "NV", "ES": "S.L.", "IT": "S.r.l.", "SE": "AB", "NO": "AS",
    "DK": "ApS", "PL": "Sp. z o.o.", "US": "Inc.", "CA": "Inc.", "BR": "Ltda.",
    "MX": "S.A. de C.V.", "AU": "Pty Ltd", "JP": "K.K.", "IN": "Pvt Ltd", "SG": "Pte Ltd",
}  # fmt: skip
DRIVERS = [
    "Recurring services revenue and customer retention.",
    "Growing share of wallet in existing accounts.",
    "Differentiating with vertical expertise.",
    "Expanding into cloud and managed services.",
    "Winning larger enterprise projects.",
]
REVENUE_MODELS = [
    "Product margin on resale plus implementation services.",
    "Monthly managed-service fees with multi-year contracts.",
    "Project-based integration fees and support retainers.",
    "Referral fees and co-selling commissions.",
    "Own IP licences bundled with our platform.",
]
DIFFERENTIATORS = [
    "Deep vertical know-how and certified engineers on staff.",
    "24/7 local support in the customer's language.",
    "Fast time to value with packaged solutions.",
    "Long-standing C-level relationships in their region.",
    "Broad portfolio covering the whole customer journey.",
]


def _names(rng, count):
    combos = list(itertools.product(PREFIXES, CORES, KINDS))
    rng.shuffle(combos)
    for index in range(count):
        prefix, core, kind = combos[index % len(combos)]
        round_ = index // len(combos)
        yield f"{prefix}{core.lower()} {kind}" + (f" {round_ + 1}" if round_ else "")


def _reference_data():
    tiers = {}
    for name, rank, cadence in TIERS:
        tiers[name], _ = ProgramTier.objects.get_or_create(
            name=name, defaults={"rank": rank, "review_cadence_days": cadence}
        )
    territories = []
    for name, code, capacity, countries in TERRITORIES:
        territory, _ = Territory.objects.get_or_create(
            code=code, defaults={"name": name, "capacity": capacity}
        )
        territories.append((territory, countries))
    segments = [
        Segment.objects.get_or_create(name=name, defaults={"is_sweet_spot": sweet})[0]
        for name, sweet in SEGMENTS
    ]
    return tiers, territories, segments


def _partner(rng, name, *, territories, tiers, owners, today):
    territory, countries = rng.choice(territories)
    country = rng.choice(countries)
    status = rng.choices(list(Partner.Status.values), weights=[8, 10, 60, 10, 5, 7], k=1)[0]
    tier_name = rng.choices([t[0] for t in TIERS], weights=[40, 30, 20, 10], k=1)[0]
    employees = int(rng.lognormvariate(4.2, 1.1)) + 3
    legal = LEGAL.get(country)
    full_name = f"{name} {legal}" if legal else name
    partner = Partner(
        name=full_name,
        slug=slugify(name),
        country=country,
        website=f"https://www.{slugify(name).replace('-', '')}.example",
        partner_type=rng.choices(list(Partner.Type.values), weights=[35, 6, 18, 16, 8, 10, 7], k=1)[
            0
        ],
        synergy_type=rng.choice(list(Partner.Synergy.values)),
        status=status,
        tier=None if status == Partner.Status.PROSPECT else tiers[tier_name],
        owner=rng.choices(owners, weights=[70, 10, 10, 10], k=1)[0],
        employee_count=employees,
        annual_revenue=Decimal(employees * rng.randint(90, 260) * 1000),
        product_position=rng.choice(list(Partner.ProductPosition.values)),
        description=f"{full_name} serves customers across {territory.name}.",
        phone=f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
        business_drivers=rng.choice(DRIVERS),
        revenue_model=rng.choice(REVENUE_MODELS),
        differentiation=rng.choice(DIFFERENTIATORS),
        joined_on=None
        if status == Partner.Status.PROSPECT
        else today - datetime.timedelta(days=rng.randint(30, 3650)),
        exited_on=today - datetime.timedelta(days=rng.randint(1, 700))
        if status == Partner.Status.EXITED
        else None,
        internal_notes=rng.choice(
            [
                "",
                "Strong technical bench; sales capacity limited.",
                "Exploring a competing vendor — watch closely.",
                "Ask about the Q3 marketing plan.",
            ]
        ),  # fmt: skip
    )
    extra_territory = rng.random() < 0.2
    links = [territory] + ([rng.choice(territories)[0]] if extra_territory else [])
    return partner, {t.pk for t in links}


def seed(state) -> None:
    rng = state.random
    tiers, territories, segments = _reference_data()
    users = state.users
    owners = [users["manager"], users["manager2"], users["manager3"], users["manager4"]]
    today = datetime.date(2026, 11, 1)
    existing = set(Partner.objects.values_list("slug", flat=True))
    new_partners, territory_links, segment_links = [], [], []
    for name in _names(rng, state.partners):
        partner, territory_ids = _partner(
            rng, name, territories=territories, tiers=tiers, owners=owners, today=today
        )
        seg_ids = {s.pk for s in rng.sample(segments, k=rng.randint(1, 3))}
        if partner.slug in existing:
            continue
        new_partners.append(partner)
        territory_links.append(territory_ids)
        segment_links.append(seg_ids)
    Partner.objects.bulk_create(new_partners, batch_size=1000)
    slugs = [p.slug for p in new_partners]
    ids = dict(Partner.objects.filter(slug__in=slugs).values_list("slug", "pk")) if slugs else {}
    Partner.territories.through.objects.bulk_create(
        [
            Partner.territories.through(partner_id=ids[p.slug], territory_id=t)
            for p, links in zip(new_partners, territory_links, strict=True)
            for t in links
        ],
        batch_size=2000,
    )
    Partner.segments.through.objects.bulk_create(
        [
            Partner.segments.through(partner_id=ids[p.slug], segment_id=s)
            for p, links in zip(new_partners, segment_links, strict=True)
            for s in links
        ],
        batch_size=2000,
    )
    state.report("partners", len(new_partners))
    _portal_users(state)
    from .team import seed_teams

    seed_teams(state)


def _portal_users(state) -> None:
    """portal-a and portal-b: partner admins of the first two partners (by name order)."""
    first_two = list(Partner.objects.filter(status=Partner.Status.ACTIVE).order_by("name")[:2])
    if len(first_two) < 2:
        first_two = list(Partner.objects.order_by("name")[:2])
    people = [("portal-a", "Anna", "Schmidt"), ("portal-b", "Ben", "Okafor")]
    for (username, first, last), partner in zip(people, first_two, strict=False):
        user = ensure_user(
            username, password=state.password, first_name=first, last_name=last,
            role="partner_user",
        )  # fmt: skip
        PartnerMembership.objects.get_or_create(
            user=user, defaults={"partner": partner, "role": PartnerMembership.Role.PARTNER_ADMIN}
        )
        state.users[username] = user
    colleague = ensure_user(
        "portal-a-member", password=state.password, first_name="Jonas", last_name="Weber",
        role="partner_user",
    )  # fmt: skip
    PartnerMembership.objects.get_or_create(
        user=colleague,
        defaults={"partner": state.users["portal-a"].partner_membership.partner},
    )
    state.report("portal users", 3)
