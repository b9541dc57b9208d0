"""The perception gap portfolio's query string: the partner filters of every portfolio, plus
the smallest gap shown, the order and the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .portfolios import PartnerScopeForm

SORTS = (
    ("gap", _("Largest gap first (either way)")),
    ("blind", _("We think better of it than they do")),
    ("warmer", _("They think better of it than we do")),
    ("trust", _("Lowest partner trust first")),
    ("name", _("Partner name")),
)


class PerceptionFilterForm(PartnerScopeForm):
    min_gap = forms.IntegerField(label=_("Gap at least"), required=False, min_value=0,
                                 max_value=100)  # fmt: skip
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1)

    def keeps(self, row) -> bool:
        least = self.cleaned_data.get("min_gap")
        return not least or (row.gap is not None and abs(row.gap) >= least)

    def canonical_query(self) -> str:
        """The valid filters and order, without the page (for page links and exports)."""
        query = super().canonical_query()
        return "&".join(part for part in query.split("&") if part and
                        not part.startswith("page="))  # fmt: skip


def sort_rows(rows, sort: str) -> list:
    """Rows without a view of ours (no gap) always last; ties by partner name."""
    gap_key = {
        "gap": lambda row: -abs(row.gap),
        "blind": lambda row: -row.gap,
        "warmer": lambda row: row.gap,
    }.get(sort or "gap")
    if sort == "name":
        return sorted(rows, key=lambda row: (row.partner_name.lower(), row.partner_id))
    if sort == "trust":
        return sorted(rows, key=lambda row: (row.partner_trust, row.partner_name.lower()))
    return sorted(
        rows,
        key=lambda row: (
            row.gap is None,
            gap_key(row) if row.gap is not None else 0,
            row.partner_name.lower(),
            row.partner_id,
        ),
    )
