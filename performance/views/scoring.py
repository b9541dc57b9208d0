"""Internal pages of partner scores: every partner's latest scores, sortable and filterable;
"Recompute now" (every partner, or one) and a run's page, whose progress htmx polls until the
run ends."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from ..forms.scoring import DEFAULT_SORT, ScoreRunPageForm, ScoreRunStartForm, score_filters
from ..models.scoring import SCORES
from ..selectors import scoring as selectors
from ..services import scoring as services

LIST_TEMPLATE = "performance/score_list.html"
RUN_TEMPLATE = "performance/score_run_detail.html"
RECENT_RUNS = 10
PAGE_SIZE = 25
TREND_RUNS = 12  # the mini trend's last runs: a year of monthly runs


def _with_trends(rows, sort_key: str) -> None:
    """Each row's mini trend of the score the list is sorted by (health by default)."""
    trends = selectors.score_trends(
        partner_ids=[row.partner_id for row in rows], key=sort_key, last=TREND_RUNS
    )
    for row in rows:
        row.trend = trends.get(row.partner_id, [])


# The score list's export: each score and its change since the run before.
EXPORT_COLUMNS = [
    exports.column("Partner", "partner.name"),
    exports.column("As of", "run.as_of"),
    *(
        column
        for key, label in SCORES
        for column in (
            exports.column(label, key),
            exports.column(f"{label} change", f"{key}_change"),
        )
    ),
]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def score_list(request):
    form = score_filters(request.GET)
    sort = form.cleaned_data.get("sort") or DEFAULT_SORT
    rows = selectors.score_list(minimums=form.limits("min"), maximums=form.limits("max"), sort=sort)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="partner-scores", columns=EXPORT_COLUMNS, rows=exports.iterate(rows)
        )
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
        "run_in_progress": selectors.run_in_progress(),
        "query_without_page": form.canonical_query("page"),
        "query_without_sort": form.canonical_query("sort", "page"),
    }
    response = render_page_or_partial(request, LIST_TEMPLATE, "score-rows", context)
    if request.htmx:
        return push_url(response, f"{request.path}?{query}" if query else request.path)
    return response


def _scores_page(partner) -> str:
    """Where a run's scores are read: the partner's Scores tab after a one-partner run."""
    if partner is not None:
        return reverse("partners:partner-tab", args=[partner.slug, "scores"])
    return reverse("performance:score-list")


def _run_page(run, partner=None) -> str:
    url = reverse("performance:score-run-detail", args=[run.pk])
    return f"{url}?{urlencode({'partner': partner.slug})}" if partner is not None else url


def _refused(request, error: ValidationError, as_of) -> None:
    """The start was refused: say why, and link the run in progress that refused it."""
    reason = " ".join(error.messages)
    running = selectors.run_in_progress(as_of=as_of or timezone.localdate())
    if running is None:
        messages.error(request, reason)
    else:
        link = format_html(
            '{} <a href="{}">Follow its progress</a>.', reason, _run_page(running)
        )  # fmt: skip
        messages.error(request, link)


@require_POST
@vendor_staff_required
def score_run_start(request):
    """The "Recompute now" button: start the run on the workers, then show its progress."""
    form = ScoreRunStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect_after_post(request, reverse("performance:score-list"))
    partner, as_of = form.cleaned_data["partner"], form.cleaned_data["as_of"]
    try:
        run = services.score_run_start(
            actor=request.user, as_of=as_of, partner_id=partner.pk if partner else None
        )
    except ValidationError as error:
        _refused(request, error, as_of)
        return redirect_after_post(request, _scores_page(partner))
    whose = f"{partner}'s score" if partner else "Scores of every partner"
    messages.success(request, f"{whose} as of {date_format(run.as_of, 'j F Y')}: computing now.")
    return redirect_after_post(request, _run_page(run, partner))


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def score_run_detail(request, pk):
    """A run's progress (polled while it runs), then its result or why it failed; the recent
    runs below. An htmx poll renders the progress only (and, once the run has ended, the
    recent runs as an out-of-band swap, so the table agrees with the card)."""
    run = selectors.run_get(user=request.user, pk=pk)
    partner = ScoreRunPageForm(request.GET).partner_or_none()
    ended = not run.is_in_progress
    polled = request.htmx and not request.htmx.boosted
    context = {
        "run": run,
        "partner": partner,
        "poll_url": _run_page(run, partner),
        "scores_url": _scores_page(partner),
        "partners_in_run": selectors.run_partner_count(run_id=run.pk) if ended else None,
        "recent_runs": selectors.recent_runs(limit=RECENT_RUNS) if ended or not polled else None,
        "runs_out_of_band": polled and ended,
    }
    return render_page_or_partial(request, RUN_TEMPLATE, "run-progress", context)
