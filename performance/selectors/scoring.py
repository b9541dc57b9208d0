"""Reads of partner scores: a partner's history, everyone's latest scores with their change since
the run before, and what of them a partner user may see (performance and engagement only).

Only finished runs count: a run still writing its rows would show half the partners."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, Lead, RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone

from partners.selectors import partners
from prm.lib.access import require_vendor_staff

from ..models.scoring import SCORES, PartnerScore, ScoreRun

SCORE_KEYS = tuple(key for key, _label in SCORES)
# What a partner sees of its own scores: never relationship or health (internal judgement).
PORTAL_SCORE_KEYS = ("performance", "engagement")


def runs():
    """Every run, newest first (the API and the staff pages)."""
    return ScoreRun.objects.order_by("-as_of", "-pk")


def run_get(*, user, pk) -> ScoreRun:
    require_vendor_staff(user, hide=True)
    return get_object_or_404(runs().select_related("weights", "started_by"), pk=pk)


def recent_runs(*, limit: int = 10) -> list[ScoreRun]:
    """The latest runs, each annotated with `partners_scored` (the rows it holds): one query."""
    return list(
        runs().select_related("started_by").annotate(partners_scored=Count("scores"))[:limit]
    )


def run_in_progress(*, as_of: datetime.date | None = None) -> ScoreRun | None:
    """The newest run being computed (of `as_of`, or of any date); an abandoned one (no progress
    for SCORING_STALE_AFTER_MINUTES) is not, as a new start takes it over."""
    stale_after = datetime.timedelta(minutes=settings.SCORING_STALE_AFTER_MINUTES)
    active = runs().filter(
        status__in=(ScoreRun.Status.PENDING, ScoreRun.Status.RUNNING),
        updated_at__gt=timezone.now() - stale_after,
    )
    return (active.filter(as_of=as_of) if as_of is not None else active).first()


def run_partner_count(*, run_id: int) -> int:
    """How many partners' scores the run holds (a one-partner restart rescored only one)."""
    return PartnerScore.objects.filter(run_id=run_id).count()


def finished_scores():
    return PartnerScore.objects.filter(run__status=ScoreRun.Status.DONE)


def latest_run() -> ScoreRun | None:
    return runs().filter(status=ScoreRun.Status.DONE).first()


def latest_scores(*, keys=SCORE_KEYS):
    """Each partner's scores in the latest finished run that scored it, annotated with
    `previous_<key>` (its score in the run before, or None) and `<key>_change` for each of
    `keys`. One query: a window over each partner's history (no query per partner)."""
    newest_first = {"partition_by": F("partner_id"), "order_by": F("run__as_of").desc()}
    previous = {
        f"previous_{key}": Window(Lead(key), **newest_first) for key in keys
    }  # fmt: skip
    changes = {f"{key}_change": F(key) - F(f"previous_{key}") for key in keys}
    return (
        finished_scores()
        .select_related("run", "partner")
        .annotate(recency=Window(RowNumber(), **newest_first), **previous)
        .annotate(**changes)
        .filter(recency=1)
    )


def score_list(*, minimums=None, maximums=None, sort: str = "-health", keys=SCORE_KEYS):
    """`latest_scores` filtered by a minimum and maximum per score ({key: value}) and sorted by
    a score or a change (`health`, `-engagement_change`); no score yet sorts last."""
    queryset = latest_scores(keys=keys)
    for key, value in (minimums or {}).items():
        queryset = queryset.filter(**{f"{key}__gte": value})
    for key, value in (maximums or {}).items():
        queryset = queryset.filter(**{f"{key}__lte": value})
    descending = sort.startswith("-")
    column = F(sort.lstrip("-"))
    order = column.desc(nulls_last=True) if descending else column.asc(nulls_last=True)
    return queryset.order_by(order, "partner__name", "partner_id")


def with_changes(queryset, *, keys=SCORE_KEYS):
    """Scores annotated as `latest_scores` annotates them, for rows of any run: each partner's
    score in the finished run before (a correlated subquery per score, for a page of rows)."""
    earlier = (
        finished_scores()
        .filter(partner_id=OuterRef("partner_id"), run__as_of__lt=OuterRef("run__as_of"))
        .order_by("-run__as_of")
    )
    previous = {f"previous_{key}": Subquery(earlier.values(key)[:1]) for key in keys}
    changes = {f"{key}_change": F(key) - F(f"previous_{key}") for key in keys}
    return queryset.select_related("run", "partner").annotate(**previous).annotate(**changes)


def run_scores(*, run_id: int, keys=SCORE_KEYS):
    """The rows of one run (the API's `?run=`), finished or not, with their changes."""
    return with_changes(PartnerScore.objects.filter(run_id=run_id), keys=keys)


def scores_for_detail(*, keys=SCORE_KEYS):
    """Any score by id (the API's detail), with its change."""
    return with_changes(PartnerScore.objects.all(), keys=keys)


def partner_score_history(*, partner_id: int) -> list[PartnerScore]:
    """A partner's scores in every finished run, oldest first."""
    return list(
        finished_scores()
        .filter(partner_id=partner_id)
        .select_related("run")
        .order_by("run__as_of", "pk")
    )


def score_trends(*, partner_ids, key: str, last: int | None = None) -> dict[int, list[Decimal]]:
    """`{partner id: [score, …]}` of one score over every finished run (or the `last` ones),
    oldest first: the mini trends of a page of the list, in one query."""
    return {
        partner_id: [row[key] for row in rows]
        for partner_id, rows in recent_scores(partner_ids=partner_ids, last=last).items()
    }


def recent_scores(*, partner_ids, last: int | None = None) -> dict[int, list[dict]]:
    """`{partner id: [{"as_of", <each score>}, …]}`: each partner's scores in every finished run
    that scored it (or the `last` of them), oldest first, in one query. The last row is the
    partner's latest scores and the one before it what they changed from, as `latest_scores`
    and `latest_score_value` count them."""
    queryset = finished_scores().filter(partner_id__in=list(partner_ids))
    if last is not None:
        newest_first = {"partition_by": F("partner_id"), "order_by": F("run__as_of").desc()}
        queryset = queryset.annotate(recency=Window(RowNumber(), **newest_first))
        queryset = queryset.filter(recency__lte=last)
    rows = queryset.order_by("partner_id", "run__as_of").values_list(
        "partner_id", "run__as_of", *SCORE_KEYS
    )
    history: dict[int, list[dict]] = defaultdict(list)
    for partner_id, as_of, *values in rows:
        history[partner_id].append({"as_of": as_of, **dict(zip(SCORE_KEYS, values, strict=True))})
    return dict(history)


# --- a partner's latest score as an SQL value, for lists that sort and filter by it -----------


def _finished_run_ids():
    return runs().filter(status=ScoreRun.Status.DONE).values("pk")


def _score_in_run(key: str, partner: str, run_index: int):
    """The partner's `key` in the newest finished run but `run_index` (None if not scored)."""
    run = Subquery(_finished_run_ids()[run_index : run_index + 1])
    in_run = PartnerScore.objects.filter(partner_id=OuterRef(partner), run_id=run).order_by()
    return Subquery(in_run.values(key)[:1])


def _score_in_history(key: str, partner: str, index: int):
    """The partner's `key` in its `index`-th newest finished scoring (0: its latest)."""
    history = finished_scores().filter(partner_id=OuterRef(partner)).order_by("-run__as_of")
    return Subquery(history.values(key)[index : index + 1])


def latest_score_value(key: str, *, partner: str = "pk"):
    """The latest finished score `key` of the partner at `partner` (a path from the rows of a
    list to a partner's id: "pk", "partner_id"), or None; `latest_scores` in one expression,
    for a list to sort and filter by. Almost every partner is in one of the newest two runs
    (the newest may have scored one partner only): each is one lookup in the (run, partner)
    unique index; only the others search their history."""
    return Coalesce(
        _score_in_run(key, partner, 0),
        _score_in_run(key, partner, 1),
        _score_in_history(key, partner, 0),
    )


def score_change_value(key: str, *, partner: str = "pk"):
    """How much the partner's `key` changed from its scoring before its latest, or None (never
    scored twice); `<key>_change` of `latest_scores` in one expression. A difference of two
    runs is the change when the partner is in both and the newer is its latest: the newest two,
    or (not in the newest) the two before; a partner in neither pair searches its history."""
    return Coalesce(
        _score_in_run(key, partner, 0) - _score_in_run(key, partner, 1),
        _score_in_run(key, partner, 1) - _score_in_run(key, partner, 2),
        _score_in_history(key, partner, 0) - _score_in_history(key, partner, 1),
    )


def latest_values(*, keys) -> dict[int, dict]:
    """`{partner id: {key: latest value or None, …}}` of every partner, for `keys` of the four
    scores and their changes (`health_change`), in one query: what a ranking of every partner
    (kept in the cache) sorts and filters by."""
    values = {
        key: score_change_value(key.removesuffix("_change"))
        if key.endswith("_change")
        else latest_score_value(key)
        for key in keys
    }  # fmt: skip
    rows = partners().order_by().annotate(**values).values("pk", *values)
    return {row["pk"]: row for row in rows}


def components_of(score: PartnerScore, key: str) -> list[dict]:
    """The components of one of the score's four scores, as the engine stored them."""
    return [c for c in score.components or [] if c.get("score") == key]


def portal_components(components) -> list[dict]:
    """Only the components of the scores a partner may see."""
    return [c for c in components or [] if c.get("score") in PORTAL_SCORE_KEYS]


def portal_scores(*, partner_id: int):
    """A partner user's own scores: the portal fields only (relationship and health are never
    read), every finished run."""
    return (
        finished_scores()
        .filter(partner_id=partner_id)
        .select_related("run")
        .only(
            "pk",
            "run",
            "partner",
            "performance",
            "engagement",
            "components",
            "run__as_of",
            "run__status",
        )  # fmt: skip
    )


def portal_score_history(*, partner_id: int, last: int | None = None) -> list[dict]:
    """A partner's own performance and engagement over every finished run (or the `last`
    ones), oldest first, each with only those two scores' components."""
    if last is None:
        scores = list(portal_scores(partner_id=partner_id).order_by("run__as_of", "pk"))
    else:  # the newest `last`, turned oldest first
        newest = portal_scores(partner_id=partner_id).order_by("-run__as_of", "-pk")[:last]
        scores = list(newest)[::-1]
    return [
        {
            "as_of": score.run.as_of,
            "performance": score.performance,
            "engagement": score.engagement,
            "components": portal_components(score.components),
        }
        for score in scores
    ]


def score_tables() -> list:
    """What a kept result sorted or filtered by scores is stamped with (`cached_while_unchanged`).
    Runs only: every write of scores goes through its run, which it updates (created, reset,
    each chunk, done), and that table is small, where stamping the scores' table would count
    millions of rows on every view."""
    return [ScoreRun]


def ranking_key(*, sort: str = "", minimums=None, maximums=None) -> str:
    """The sort and the score limits of a ranking as a short stable text (for cache keys)."""
    limits = [f"min_{k}={v}" for k, v in sorted((minimums or {}).items())]
    limits += [f"max_{k}={v}" for k, v in sorted((maximums or {}).items())]
    return ",".join([sort, *limits])


def rank_by_scores(rows, *, partner_id, sort: str = "", minimums=None, maximums=None) -> list:
    """`rows` (a ranking of partners; `partner_id(row)` tells whose) kept to the partners whose
    latest scores are within `minimums` and `maximums` ({key: value}) and sorted by a score or a
    change (`-health`, `health_change`): partners without it last, ties in the ranking's own
    order. One query over every partner; none when nothing is asked."""
    minimums, maximums = minimums or {}, maximums or {}
    key = sort.lstrip("-")
    if not (key or minimums or maximums):
        return list(rows)
    values = latest_values(keys={*minimums, *maximums, *([key] if key else [])})
    kept = []
    for row in rows:
        scores = values.get(partner_id(row), {})
        if _within(scores, minimums, maximums):
            kept.append((scores.get(key) if key else None, row))
    if key:
        sign = -1 if sort.startswith("-") else 1
        kept.sort(key=lambda pair: (pair[0] is None, sign * (pair[0] or 0)))  # stable
    return [row for _value, row in kept]


def _within(scores: dict, minimums: dict, maximums: dict) -> bool:
    """Whether every limit holds; a score the partner does not have fails its limits."""
    for key, low in minimums.items():
        if scores.get(key) is None or scores[key] < low:
            return False
    for key, high in maximums.items():
        if scores.get(key) is None or scores[key] > high:
            return False
    return True
