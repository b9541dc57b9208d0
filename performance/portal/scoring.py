"""The portal's scores: a partner's own performance and engagement scores, what makes them and
what would raise them, and the early warning when its tier is at risk at the next evaluation.
Never the relationship or health score (our internal judgement)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from partners.selectors import membership_for_user
from prm.lib.access import partner_user_required

from ..panels.scoring import portal_scores_context
from ..selectors.program import tier_outlook


@require_GET
@partner_user_required
def portal_score_list(request):
    membership = membership_for_user(user=request.user)
    context = portal_scores_context(partner_id=membership.partner_id)
    outlook = tier_outlook(membership.partner, for_partner=True)
    context |= {
        "membership": membership,
        "partner": membership.partner,
        "outlook": outlook if outlook is not None and outlook.at_risk else None,
    }
    return render(request, "performance/score_portal_list.html", context)
