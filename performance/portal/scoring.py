"""The portal's scores: a partner's own performance and engagement scores, what makes them and
what would raise them, and the early warning when its tier is at risk at the next evaluation.
Never the relationship or health score (our internal judgement)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.selectors import membership_for_user
from prm.lib import exports
from prm.lib.access import partner_user_required

from ..panels.scoring import SCORE_LABELS, portal_scores_context
from ..selectors import scoring as selectors
from ..selectors.program import tier_outlook

# A row per finished run, newest first: only the scores the portal shows.
PORTAL_SCORE_COLUMNS = [
    exports.column("As of", "as_of"),
    *(exports.column(SCORE_LABELS[key], key) for key in selectors.PORTAL_SCORE_KEYS),
]


@require_GET
@partner_user_required
def portal_score_list(request):
    membership = membership_for_user(user=request.user)
    if fmt := exports.requested_format(request):
        history = selectors.portal_score_history(partner_id=membership.partner_id)
        return exports.export_response(
            fmt, name="scores", columns=PORTAL_SCORE_COLUMNS, rows=reversed(history)
        )
    context = portal_scores_context(partner_id=membership.partner_id)
    outlook = tier_outlook(membership.partner, for_partner=True)
    context |= {
        "membership": membership,
        "partner": membership.partner,
        "outlook": outlook if outlook is not None and outlook.at_risk else None,
    }
    return render(request, "performance/score_portal_list.html", context)
