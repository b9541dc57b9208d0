"""The score columns performance adds to lists lower apps own (prm.columns): the partner list's
health with its trend line, the three other scores and the change since the run before; the
relationship portfolio's health with its change, and every score to sort and filter by."""

from functools import partial

from prm import columns
from prm.lib.charts import sparkline

from ..models.scoring import SCORES
from ..selectors import scoring as selectors

SCORE_LABELS = dict(SCORES)
SHORT_LABELS = {"relationship": "Rel.", "performance": "Perf.", "engagement": "Eng."}
TREND_RUNS = 12  # the trend line's last runs: a year of monthly runs
STYLESHEET = "css/scores.css"


def score_cells(partner_ids, *, last: int) -> dict[int, dict]:
    """Per partner: its latest four scores, the health change since the scoring before, and
    (for `last` > 2) its health trend line over the `last` runs. One query."""
    cells = {}
    for partner_id, history in selectors.recent_scores(partner_ids=partner_ids, last=last).items():
        latest, before = history[-1], (history[-2] if len(history) > 1 else None)
        health = [row["health"] for row in history]
        cells[partner_id] = {
            **{key: latest[key] for key in selectors.SCORE_KEYS},
            "as_of": latest["as_of"],
            "health_change": latest["health"] - before["health"] if before else None,
            "spark": sparkline(health, label=_trend_label(health)) if last > 2 else None,
        }
    return cells


def _trend_label(values) -> str:
    runs = len(values)
    shown = ", ".join(f"{value:.0f}" for value in values)
    return f"Health over the last {runs} run{'s' if runs != 1 else ''}: {shown}"


partner_list_cells = partial(score_cells, last=TREND_RUNS)
portfolio_cells = partial(score_cells, last=2)


def _value(key: str):
    return lambda partner: selectors.latest_score_value(key, partner=partner)


def _change(key: str):
    return lambda partner: selectors.score_change_value(key, partner=partner)


def register() -> None:
    common = {"stylesheet": STYLESHEET, "tables": selectors.score_tables}
    columns.register_column(
        "partner_list", key="health", label="Health", order=10, classes="num",
        value=_value("health"), cells=partner_list_cells,
        template="performance/column_health.html", **common,
    )  # fmt: skip
    columns.register_column(
        "partner_list", key="health_change", label="Health Δ", order=15, classes="num hide-sm",
        value=_change("health"), cells=partner_list_cells, filters=("moved", "dropped"),
        bounds=(-100, 100), template="performance/column_change.html", **common,
    )  # fmt: skip
    columns.register_column(
        "portfolio", key="health", label="Health", order=10, classes="num",
        value=_value("health"), cells=portfolio_cells,
        template="performance/column_health_change.html", **common,
    )  # fmt: skip
    for order, key in enumerate(("relationship", "performance", "engagement"), start=2):
        columns.register_column(
            "partner_list", key=key, label=SCORE_LABELS[key], order=10 * order,
            classes="num hide-sm", value=_value(key), cells=partner_list_cells,
            template="performance/column_score.html", short_label=SHORT_LABELS[key], **common,
        )  # fmt: skip
        columns.register_column(
            "portfolio", key=key, label=SCORE_LABELS[key], order=10 * order,
            value=_value(key), **common,
        )  # fmt: skip
    columns.register_column(
        "portfolio", key="health_change", label="Health Δ", order=50, value=_change("health"),
        filters=("moved", "dropped"), bounds=(-100, 100), **common,
    )  # fmt: skip


def attach_portfolio_scores(rows) -> None:
    """`row["scores"]` for each row of a page of a performance portfolio (`{"partner": …}`):
    the partner's latest scores and health change, as the portfolio column shows them."""
    cells = portfolio_cells([row["partner"].pk for row in rows])
    for row in rows:
        row["scores"] = cells.get(row["partner"].pk)
