"""Demo deal registrations: many partners, every status, some conflicts; bulk and deterministic.

Partners that already have registrations are skipped, so a second run adds nothing.
"""

import datetime
from decimal import Decimal
from random import Random

from django.utils import timezone

from partners import selectors as partner_selectors
from prm.lib.bulk import bulk_update_rows

from ..models import DealRegistration, DealStatus
from ..services.deals import normalise_customer_name

CUSTOMERS = [
    ("Acme Manufacturing GmbH", "acme-manufacturing.de", "DE"),
    ("Globex Corporation", "globex.com", "US"),
    ("Initech Inc.", "initech.com", "US"),
    ("Umbrella Health Ltd", "umbrella-health.co.uk", "GB"),
    ("Stark Logistics", "starklogistics.com", "US"),
    ("Wayne Financial", "waynefinancial.com", "US"),
    ("Hooli", "hooli.com", "US"),
    ("Vandelay Industries", "vandelay.com", "US"),
    ("Nordlys Energi AS", "nordlys.no", "NO"),
    ("Banque Lumière SA", "banque-lumiere.fr", "FR"),
    ("Tulip Retail B.V.", "tulipretail.nl", "NL"),
    ("Iberia Salud S.L.", "iberiasalud.es", "ES"),
    ("Milano Moda S.p.A.", "milanomoda.it", "IT"),
    ("Wisła Logistics Sp. z o.o.", "wisla-logistics.pl", "PL"),
    ("Maple Education", "mapleedu.ca", "CA"),
    ("Southern Cross Mining Pty Ltd", "southerncross.com.au", "AU"),
    ("Sakura Electronics K.K.", "sakura-elec.jp", "JP"),
    ("Lion City Bank", "lioncitybank.sg", "SG"),
    ("Ganges Pharma Ltd", "gangespharma.in", "IN"),
    ("Desert Rose Hospitality", "desertrose.ae", "AE"),
    ("Rio Verde Agro", "rioverde.com.br", "BR"),
    ("Aztec Telecom", "aztectel.mx", "MX"),
    ("Kruger Utilities", "krugerutil.co.za", "ZA"),
    ("Helvetia Precision AG", "helvetia-precision.ch", "CH"),
    ("Baltic Shipping", "balticship.se", "SE"),
    ("Emerald Insurance plc", "emerald-insurance.ie", "IE"),
    ("Danube Foods", "danubefoods.at", "AT"),
    ("Atlas Public Services", "atlas-gov.org", "US"),
    ("Cedar Health Systems", "cedarhealth.com", "US"),
    ("Polaris Analytics", "polaris-analytics.com", "CA"),
]
# Beyond the well-known customers above, a pool of generated ones that grows with the number of
# partners: each partner mostly works its own territory of the pool (neighbouring territories
# share a customer or two) and now and then chases a well-known account, so a conflict (two
# open registrations, one customer, one period) stays the exception it is in a real channel, at
# 40 partners as at 1,000.
BRANDS = [
    "Northwind", "Bluewater", "Redstone", "Silverline", "Oakridge", "Summit", "Harbor",
    "Brightpath", "Ironwood", "Clearview", "Granite", "Lakeside", "Evergreen", "Falcon",
    "Meridian", "Pioneer", "Riverbend", "Starling", "Keystone", "Westgate",
]  # fmt: skip
SECTORS = [
    ("Logistics", "logistics"), ("Health", "health"), ("Foods", "foods"), ("Energy", "energy"),
    ("Insurance", "insurance"), ("Retail", "retail"), ("Systems", "systems"),
    ("Engineering", "eng"), ("Media", "media"), ("Bank", "bank"), ("Telecom", "tel"),
    ("Education", "edu"), ("Chemicals", "chem"), ("Hotels", "hotels"), ("Motors", "motors"),
]  # fmt: skip
# (country, top-level domain, city): the city tells apart same-named companies in different
# countries, which the conflict check would otherwise take for one customer by name.
COUNTRIES = [
    ("US", "com", ""), ("DE", "de", "Berlin"), ("GB", "co.uk", "London"), ("FR", "fr", "Paris"),
    ("NL", "nl", "Amsterdam"), ("ES", "es", "Madrid"), ("IT", "it", "Milano"),
    ("CA", "ca", "Toronto"), ("AU", "com.au", "Sydney"), ("JP", "jp", "Tokyo"),
]  # fmt: skip


def customer_pool(partner_count: int) -> list[tuple[str, str, str]]:
    """The well-known customers, then generated ones: about three customers per partner."""
    generated = []
    for index in range(max(0, partner_count * 3 - len(CUSTOMERS))):
        brand, (sector, word), (country, tld, city) = (
            BRANDS[index % len(BRANDS)],
            SECTORS[index // len(BRANDS) % len(SECTORS)],
            COUNTRIES[index // (len(BRANDS) * len(SECTORS)) % len(COUNTRIES)],
        )
        name = f"{brand} {sector} {city}".strip()
        generated.append((name, f"{brand.lower()}-{word}.{tld}", country))
    return CUSTOMERS + generated


PRODUCTS = [
    "Platform licences, 250 seats", "Platform licences, 1,000 seats + premium support",
    "Analytics add-on, 3-year term", "Migration services and 500 seats",
    "Security bundle for 2 sites", "Enterprise agreement renewal with expansion",
]  # fmt: skip
REJECTIONS = [
    "The customer is already managed directly by our enterprise team.",
    "Another partner registered this opportunity first and is working it.",
    "Not enough detail: please add the customer contact and the project scope.",
]
# (status, weight): most deals are decided; a good share waits in the queue.
STATUSES = [
    (DealStatus.SUBMITTED, 5), (DealStatus.APPROVED, 6), (DealStatus.REJECTED, 2),
    (DealStatus.WON, 3), (DealStatus.LOST, 2), (DealStatus.LAPSED, 2),
]  # fmt: skip


WELL_KNOWN_SHARE = 0.1


def territory(rng, customers, index: int, count: int) -> list[tuple[str, str, str]]:
    """`count` customers for the partner at `index`: distinct ones from its own stretch of the
    pool, one in ten a well-known account that other partners may chase too."""
    pool = customers[len(CUSTOMERS) :] or customers
    own = [pool[(index * 3 + k) % len(pool)] for k in range(count + 1)]
    picks = rng.sample(own, min(count, len(own)))
    return [rng.choice(CUSTOMERS) if rng.random() < WELL_KNOWN_SHARE else c for c in picks]


def _deal(rng, customer, partner, user, decider, now) -> DealRegistration:
    name, domain, country = customer
    status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
    created = now - datetime.timedelta(days=rng.randint(1, 700), hours=rng.randint(0, 23))
    if status == DealStatus.SUBMITTED:
        created = now - datetime.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
    elif status == DealStatus.APPROVED:
        # Still protected today: approved within the last protection period.
        created = now - datetime.timedelta(days=rng.randint(3, 80), hours=rng.randint(0, 23))
    deal = DealRegistration(
        partner=partner, registered_by=user, customer_name=name,
        customer_key=normalise_customer_name(name), customer_domain=domain, country=country,
        value=Decimal(rng.randrange(5_000, 900_000, 500)), currency=rng.choice(["USD", "EUR"]),
        expected_close_on=(created + datetime.timedelta(days=rng.randint(30, 180))).date(),
        products=rng.choice(PRODUCTS), status=status, created_at=created,
    )  # fmt: skip
    if status != DealStatus.SUBMITTED:
        deal.decided_by = decider
        deal.decided_at = created + datetime.timedelta(days=rng.randint(1, 6))
    if status == DealStatus.REJECTED:
        deal.rejection_reason = rng.choice(REJECTIONS)
    elif status != DealStatus.SUBMITTED:
        deal.protection_until = (deal.decided_at + datetime.timedelta(days=90)).date()
        if status in (DealStatus.WON, DealStatus.LOST):
            deal.closed_at = deal.decided_at + datetime.timedelta(days=rng.randint(10, 80))
    return deal


def _is_open(deal, today) -> bool:
    return deal.status == DealStatus.SUBMITTED or (
        deal.status == DealStatus.APPROVED and deal.protection_until >= today
    )


def _period(deal) -> tuple[datetime.date, datetime.date]:
    """As DealRegistrationQuerySet.overlapping: registered → expected close or protection end."""
    end = max(deal.expected_close_on, deal.protection_until or deal.expected_close_on)
    return deal.created_at.date(), end


def _link_conflicts(deals, today) -> list:
    """The rule of services.find_conflicts: each open registration conflicts with the earlier
    open ones for the same customer (domain or name) whose period overlaps its own."""
    through = DealRegistration.conflicts.through
    links, earlier = [], []
    for deal in sorted(deals, key=lambda d: (d.created_at, d.pk)):
        if not _is_open(deal, today):
            continue
        start, end = _period(deal)
        links += [
            through(from_dealregistration_id=deal.pk, to_dealregistration_id=other.pk)
            for other in earlier
            if (other.customer_domain == deal.customer_domain
                or other.customer_key == deal.customer_key)
            and _period(other)[0] <= end and _period(other)[1] >= start
        ]  # fmt: skip
        earlier.append(deal)
    return links


def seed(state) -> None:
    now = timezone.now()
    decider = state.users.get("manager")
    portal_users = {
        u.partner_membership.partner_id: u
        for name, u in state.users.items()
        if name in ("portal-a", "portal-b")
    }
    partners = list(
        partner_selectors.partners().filter(deal_registrations__isnull=True).select_related("owner")
    )
    deals, customers = [], customer_pool(partner_selectors.partners().count())
    for index, partner in enumerate(sorted(partners, key=lambda p: p.slug)):
        # One generator per partner: a partner seeded with no deals gets none on a rerun too.
        rng = Random(f"{state.seed}:deals:{partner.slug}")
        count = rng.choice([0, 0, 1, 2, 3, 4]) if partner.pk not in portal_users else 8
        user = portal_users.get(partner.pk) or partner.owner or decider
        mine = territory(rng, customers, index, count)
        deals += [_deal(rng, customer, partner, user, decider, now) for customer in mine]
    intended = [deal.created_at for deal in deals]
    created = DealRegistration.objects.bulk_create(deals, batch_size=1000)
    # auto_now_add overwrote created_at on insert; bulk_update_rows writes the intended dates.
    for deal, when in zip(created, intended, strict=True):
        deal.created_at = when
    bulk_update_rows(DealRegistration, created, ["created_at"])
    links = _link_conflicts(created, now.date())
    DealRegistration.conflicts.through.objects.bulk_create(links, batch_size=2000)
    state.report("deal registrations", len(created))
    state.report("deal conflicts", len(links))
