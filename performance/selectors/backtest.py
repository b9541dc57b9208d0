"""Does the health score work? A backtest: for each of the last complete calendar quarters, the
partners' health at the quarter's start against whether they met their agreed targets at its
end.

- Health at the start: each partner's health in the finished run as of the quarter's first
  day, or the nearest one before it within RUN_WINDOW_DAYS; a quarter without such a run is
  left out (and named).
- Attainment at the end: the quarter's attainment against its agreed targets as the
  performance score counts it (`targets.quarter_attainment`: the mean over agreed metrics of
  actual ÷ agreed, each capped at 150 %), with the targets and actuals recorded by `today`, as
  a quarter's actuals often arrive after it ends. A partner without an agreed target for the
  quarter has nothing to meet and is left out of that quarter.
- Met: attainment of at least MET_PERCENT.
- Bands of health (BANDS) with, per band, the partners and the share that met their targets;
  and Spearman's rank correlation between health and attainment over the pairs.

A fixed number of queries whatever the number of partners: the runs, their scores, and the
attainment (one query over every quarter). The statistics are pure functions below.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from ..models import PartnerScore, ScoreRun
from ..scoring.performance import closed_quarters
from .targets import quarter_attainment

QUARTERS = 8
RUN_WINDOW_DAYS = 31
MET_PERCENT = 100
# Below this many partners a band's share is marked as resting on few partners.
FEW_PARTNERS = 5


@dataclass(frozen=True)
class Band:
    label: str
    low: int  # lowest health in the band
    high: int  # first health above it


# Fixed bands rather than quintiles: a band means the same health in every quarter, so
# quarters compare, and a band holding few partners shows it (a quintile always holds a fifth).
BANDS = (Band("0–39", 0, 40), Band("40–59", 40, 60), Band("60–79", 60, 80), Band("80–100", 80, 101))


@dataclass(frozen=True)
class BandResult:
    band: Band
    partners: int
    met: int

    @property
    def share(self) -> float | None:
        """The share (0–100) of the band's partners that met their targets; None if empty."""
        return 100 * self.met / self.partners if self.partners else None

    @property
    def few(self) -> bool:
        return 0 < self.partners < FEW_PARTNERS


@dataclass(frozen=True)
class Summary:
    """Pairs of (health at the start, attainment at the end) summarised."""

    bands: list[BandResult]
    rho: float | None
    pairs: int

    @property
    def met(self) -> int:
        return sum(band.met for band in self.bands)


@dataclass(frozen=True)
class QuarterResult:
    year: int
    quarter: int
    run_as_of: datetime.date | None  # None: no finished run near the quarter's start
    scored: int  # partners in that run
    summary: Summary

    @property
    def label(self) -> str:
        return f"Q{self.quarter} {self.year}"

    @property
    def start(self) -> datetime.date:
        return quarter_start(self.year, self.quarter)


@dataclass(frozen=True)
class Backtest:
    today: datetime.date
    quarters: list[QuarterResult]  # every quarter looked at, latest first
    overall: Summary  # the pairs of every quarter together
    any_finished_run: bool
    run_window_days: int = RUN_WINDOW_DAYS
    met_percent: int = MET_PERCENT
    bands: tuple[Band, ...] = field(default=BANDS)

    @property
    def measured(self) -> list[QuarterResult]:
        """The quarters with a run near their start."""
        return [quarter for quarter in self.quarters if quarter.run_as_of is not None]

    @property
    def without_run(self) -> list[QuarterResult]:
        return [quarter for quarter in self.quarters if quarter.run_as_of is None]


# --- pure computation ---------------------------------------------------------------------------


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1 (smallest) in the order of `values`; tied values share the mean of the
    ranks they span ([10, 20, 20, 40] → [1, 2.5, 2.5, 4])."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1  # ranks start+1 … end+1, averaged
        for position in range(start, end + 1):
            ranks[order[position]] = shared
        start = end + 1
    return ranks


def spearman(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Spearman's rank correlation of the pairs: Pearson's correlation of their average ranks
    (so ties are handled). None with fewer than three pairs or when either side is constant."""
    if len(pairs) < 3:
        return None
    x_ranks = average_ranks([x for x, _ in pairs])
    y_ranks = average_ranks([y for _, y in pairs])
    mean = (len(pairs) + 1) / 2  # the mean of ranks 1…n, ties or not
    dx = [rank - mean for rank in x_ranks]
    dy = [rank - mean for rank in y_ranks]
    spread = math.sqrt(sum(d * d for d in dx) * sum(d * d for d in dy))
    if spread == 0:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / spread


def band_index(health) -> int:
    value = float(health)
    for index, band in enumerate(BANDS):
        if band.low <= value < band.high:
            return index
    return 0 if value < BANDS[0].low else len(BANDS) - 1


def summarise(pairs: Sequence[tuple[float, float]], met_percent: float = MET_PERCENT) -> Summary:
    """Per band the partners and how many met their targets, and ρ, of (health, attainment)."""
    partners = [0] * len(BANDS)
    met = [0] * len(BANDS)
    for health, attainment in pairs:
        index = band_index(health)
        partners[index] += 1
        met[index] += int(attainment >= met_percent)
    bands = [BandResult(band, partners[i], met[i]) for i, band in enumerate(BANDS)]
    return Summary(bands=bands, rho=spearman(pairs), pairs=len(pairs))


def chance_bound(pairs: int) -> float | None:
    """|ρ| that chance alone exceeds only one time in twenty with this many pairs (the normal
    approximation, 1.96 / √(n − 1)); None below four pairs."""
    return 1.96 / math.sqrt(pairs - 1) if pairs >= 4 else None


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def run_near_start(runs: Sequence[tuple[int, datetime.date]], start: datetime.date, window: int):
    """The (id, as of) of the latest run as of `start` or up to `window` days before; or None."""
    earliest = start - datetime.timedelta(days=window)
    near = [run for run in runs if earliest <= run[1] <= start]
    return max(near, key=lambda run: run[1]) if near else None


# --- the read -----------------------------------------------------------------------------------


def health_backtest(*, today: datetime.date | None = None, quarters: int = QUARTERS) -> Backtest:
    """The backtest over the last `quarters` complete quarters before `today`: three queries."""
    today = today or timezone.localdate()
    periods = closed_quarters(today, quarters)  # latest first
    starts = {period: quarter_start(*period) for period in periods}
    earliest = min(starts.values()) - datetime.timedelta(days=RUN_WINDOW_DAYS)
    finished = ScoreRun.objects.filter(status=ScoreRun.Status.DONE)
    runs = list(
        finished.filter(as_of__gte=earliest, as_of__lte=max(starts.values()))
        .order_by("as_of")
        .values_list("pk", "as_of")
    )
    picked = {
        period: run
        for period in periods
        if (run := run_near_start(runs, starts[period], RUN_WINDOW_DAYS)) is not None
    }
    health, attainment = _health_and_attainment(picked, today)
    results, every_pair = [], []
    for period in periods:
        run = picked.get(period)
        in_run = health.get(run[0], {}) if run else {}
        pairs = [
            (float(value), attainment[partner_id][period])
            for partner_id, value in in_run.items()
            if period in attainment.get(partner_id, {})
        ]
        every_pair.extend(pairs)
        results.append(QuarterResult(period[0], period[1], run[1] if run else None, len(in_run),
                                     summarise(pairs)))  # fmt: skip
    any_finished = bool(runs) or finished.exists()
    return Backtest(today, results, summarise(every_pair), any_finished_run=any_finished)


def _health_and_attainment(picked: dict, today: datetime.date) -> tuple[dict, dict]:
    """`{run id: {partner id: health}}` of the picked runs and the attainment of their partners
    in the quarters picked: two queries (none without a run)."""
    if not picked:
        return {}, {}
    run_ids = sorted({run_id for run_id, _ in picked.values()})
    scores = PartnerScore.objects.filter(run_id__in=run_ids).order_by()
    health: dict[int, dict[int, Decimal]] = {}
    for run_id, partner_id, value in scores.values_list("run_id", "partner_id", "health"):
        health.setdefault(run_id, {})[partner_id] = value
    attainment = quarter_attainment(
        partner_ids=scores.values("partner_id"), periods=list(picked), as_of=today
    )
    return health, attainment
