"""What the partner program registers with the global search: incentive claims, for vendor
staff and for partner users (their own partner's). A claim has no page of its own: the result
links to its row in the claim queue (narrowed to its program and status) or the portal's list."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from prm import search
from prm.lib.money import format_money


def claim_result(claim, *, portal: bool) -> search.Result:
    parts = [
        claim.program.name,
        format_money(claim.amount, claim.currency, decimals=2),
        claim.get_status_display(),
    ]
    if claim.payment_reference:
        parts.append(f"ref. {claim.payment_reference}")
    if portal:
        url = f"{reverse('incentives-portal:claim-list')}#claim-{claim.pk}"
    else:
        parts.insert(0, claim.partner.name)
        query = urlencode({"program": claim.program_id, "status": claim.status})
        url = f"{reverse('incentives:claim-queue')}?{query}#claim-{claim.pk}"
    title = Truncator(claim.description).chars(80)
    return search.Result(title, " · ".join(parts), url)


def register() -> None:
    search.register_kind(
        "claims", label=_("Claims"), order=40,
        selector="incentives.selectors.search.search_claims", present=claim_result,
        audiences=(search.STAFF, search.PORTAL),
    )  # fmt: skip
