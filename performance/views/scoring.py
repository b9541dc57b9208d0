"""Internal pages of partner scores: every partner's latest scores, sortable and filterable."""

from django.core.paginator import Paginator
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from prm.lib.access import vendor_staff_required
from prm.lib.htmx import render_page_or_partial

from ..forms.scoring import DEFAULT_SORT, score_filters
from ..models.scoring import SCORES
from ..selectors import scoring as selectors

LIST_TEMPLATE = "performance/score_list.html"
PAGE_SIZE = 25
TREND_RUNS = 12  # the mini trend's last runs: a year of monthly runs


def _with_trends(rows, sort_key: str) -> None:
    """Each row's mini trend of the score the list is sorted by (health by default)."""
    trends = selectors.score_trends(
        partner_ids=[row.partner_id for row in rows], key=sort_key, last=TREND_RUNS
    )
    for row in rows:
        row.trend = trends.get(row.partner_id, [])


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def score_list(request):
    form = score_filters(request.GET)
    sort = form.cleaned_data.get("sort") or DEFAULT_SORT
    rows = selectors.score_list(minimums=form.limits("min"), maximums=form.limits("max"), sort=sort)
    page = Paginator(rows, PAGE_SIZE).get_page(form.cleaned_data.get("page") or 1)
    page.object_list = list(page.object_list)
    trend_key = sort.lstrip("-").removesuffix("_change")
    _with_trends(page.object_list, trend_key)
    query = form.canonical_query()
    context = {
        "form": form,
        "page": page,
        "sort": sort,
        "scores": SCORES,
        "trend_label": dict(SCORES)[trend_key],
        "latest_run": selectors.latest_run(),
        "query_without_page": form.canonical_query("page"),
        "query_without_sort": form.canonical_query("sort", "page"),
    }
    response = render_page_or_partial(request, LIST_TEMPLATE, "score-rows", context)
    if request.htmx:
        return push_url(response, f"{request.path}?{query}" if query else request.path)
    return response
