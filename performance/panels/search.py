"""What performance registers with the global search: deal registrations, for vendor staff and
for partner users (their own partner's), linked to the deal's page on their side."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from prm import search
from prm.lib.money import format_money


def deal_result(deal, *, portal: bool) -> search.Result:
    parts = [
        deal.get_status_display(),
        format_money(deal.value, deal.currency),
        f"closes {date_format(deal.expected_close_on, 'j M Y')}",
    ]
    if not portal:
        parts.insert(0, deal.partner.name)
    name = "performance-portal:deal-detail" if portal else "performance:deal-detail"
    return search.Result(deal.customer_name, " · ".join(parts), reverse(name, args=[deal.pk]))


def register() -> None:
    search.register_kind(
        "deals", label=_("Deals"), order=30,
        selector="performance.selectors.search.search_deals", present=deal_result,
        audiences=(search.STAFF, search.PORTAL),
    )  # fmt: skip
