"""The "Does the score work?" page: the health score's backtest (selectors.backtest) shown as
what the data says in plain words, a bar chart per quarter and for all quarters together, and
how it is measured. It never fills a gap with a figure: too little data is said as such."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from prm.lib.access import vendor_staff_required

from ..selectors import backtest as selectors

TEMPLATE = "performance/score_backtest.html"
# Words for the size of ρ (Cohen's rough conventions, as commonly used for correlations).
STRENGTHS = ((0.5, "strong"), (0.3, "moderate"), (0.1, "weak"))
LITTLE_DATA = 30  # below this many pairs the reading is a hint, not a verdict
TOO_LITTLE_DATA = 10

# The chart's geometry, in the SVG's own units (it scales to its box).
CHART_WIDTH, AXIS_WIDTH, PLOT_TOP, PLOT_BOTTOM = 320, 40, 22, 138


@require_GET
@vendor_staff_required
def score_backtest(request):
    result = selectors.health_backtest()
    quarters = [
        {"result": quarter, "chart": bar_chart(quarter.summary, f"chart-{quarter.label}")}
        for quarter in result.measured
    ]
    context = {
        "backtest": result,
        "reading": reading(result),
        "overall_chart": bar_chart(result.overall, "chart-all"),
        "quarters": quarters,
        "first_quarter": result.quarters[-1],
        "last_quarter": result.quarters[0],
        "chance_bound": selectors.chance_bound(result.overall.pairs),
    }
    return render(request, TEMPLATE, context)


def _percent(share: float) -> str:
    return f"{share:.0f}\u00a0%"  # a no-break space: "71 %" never splits over two lines


def _pairs(count: int) -> str:
    return f"{count:,} partner-quarter{'s' if count != 1 else ''}"


def reading(result: selectors.Backtest) -> list[str]:
    """What the data says, in sentences, or why it cannot say anything yet."""
    span = f"{result.quarters[-1].label} to {result.quarters[0].label}"
    if not result.any_finished_run:
        return ["No scoring run has finished yet, so there is nothing to test. Scores are "
                "computed nightly; this page reads them once runs cover a quarter's "
                "start."]  # fmt: skip
    if not result.measured:
        return [f"No finished run falls on the first day of any of the last "
                f"{len(result.quarters)} complete quarters ({span}) or within "
                f"{result.run_window_days} days before it. The backtest needs each partner's "
                f"health at a quarter's start, so it has nothing to compare yet."]  # fmt: skip
    overall = result.overall
    if not overall.pairs:
        return [f"Health was scored at the start of {len(result.measured)} of these quarters, "
                "but none of the partners scored then had an agreed target for that quarter, "
                "so whether they met their targets can't be measured. Agreed targets (the "
                "partners' Targets tab) fill this page."]  # fmt: skip
    sentences = [_bands_sentence(overall), _rho_sentence(overall)]
    sentences.extend(_caveats(result))
    return [sentence for sentence in sentences if sentence]


def _bands_sentence(overall: selectors.Summary) -> str:
    filled = [band for band in overall.bands if band.partners]
    highest, lowest = filled[-1], filled[0]
    if highest is lowest:
        return (f"All {_pairs(overall.pairs)} fell in one health band ({highest.band.label}), "
                f"of which {_percent(highest.share)} met their targets: with one band there is "
                "nothing to compare.")  # fmt: skip
    top = "the top band" if highest.band == selectors.BANDS[-1] else "the highest band with any"
    bottom = "the lowest" if lowest.band == selectors.BANDS[0] else "the lowest band with any"
    return (f"Partners in {top} ({highest.band.label}) at a quarter's start met their targets "
            f"{_percent(highest.share)} of the time, against {_percent(lowest.share)} in "
            f"{bottom} ({lowest.band.label}).")  # fmt: skip


def strength(rho: float) -> str:
    size = abs(rho)
    word = next((word for bound, word in STRENGTHS if size >= bound), None)
    if word is None:
        return "no visible relation between health at a quarter's start and attainment at its end"
    if rho > 0:
        return f"a {word} relation, a higher health going with a higher attainment"
    return (f"a {word} inverse relation, a higher health going with a lower attainment: "
            "the score points the wrong way")  # fmt: skip


def _rho_sentence(overall: selectors.Summary) -> str:
    if overall.rho is None:
        why = ("it needs at least three pairs" if overall.pairs < 3
               else "every partner had the same health or the same attainment")  # fmt: skip
        return f"The rank correlation can't be computed over {_pairs(overall.pairs)}: {why}."
    rho = f"ρ\u00a0=\u00a0{overall.rho:.2f}"
    sentence = f"{rho} over {_pairs(overall.pairs)}: {strength(overall.rho)}."
    bound = selectors.chance_bound(overall.pairs)
    if bound is not None:
        if abs(overall.rho) > bound:
            sentence += (f" With this many pairs chance alone gives |ρ| above {bound:.2f} only "
                         "one time in twenty, so it is unlikely to be chance.")  # fmt: skip
        else:
            sentence += (f" With this many pairs chance alone often gives |ρ| up to "
                         f"{bound:.2f}, so it could well be chance.")  # fmt: skip
    return sentence


def _caveats(result: selectors.Backtest) -> list[str]:
    sentences = []
    pairs = result.overall.pairs
    if pairs < TOO_LITTLE_DATA:
        sentences.append(f"Only {_pairs(pairs)}: too little data to judge the score.")
    elif pairs < LITTLE_DATA:
        sentences.append("That is little data: read it as a hint, not a verdict.")
    with_rho = [
        quarter.summary.rho for quarter in result.measured if quarter.summary.rho is not None
    ]
    if len(with_rho) >= 2:
        positive = sum(rho > 0 for rho in with_rho)
        sentences.append(f"ρ was positive in {positive} of the {len(with_rho)} quarters where it "
                         "could be computed.")  # fmt: skip
    if result.without_run:
        labels = ", ".join(quarter.label for quarter in reversed(result.without_run))
        sentences.append(f"No finished run near the start of {labels}: "
                         f"{'that quarter is' if len(result.without_run) == 1 else 'those are'} "
                         "left out.")  # fmt: skip
    return sentences


def bar_chart(summary: selectors.Summary, chart_id: str) -> dict:
    """An inline SVG's bars: per band, the share that met their targets (0–100 % high), its
    label and the number of partners; nothing is drawn for an empty band."""
    slot = (CHART_WIDTH - AXIS_WIDTH) / len(summary.bands)
    bar_width = slot * 0.62
    plot_height = PLOT_BOTTOM - PLOT_TOP
    bars, spoken = [], []
    for index, band in enumerate(summary.bands):
        share = band.share
        height = plot_height * share / 100 if share is not None else 0
        centre = AXIS_WIDTH + slot * index + slot / 2
        bars.append({
            "label": band.band.label, "partners": band.partners, "met": band.met,
            "share": share, "few": band.few, "centre": round(centre, 1),
            "x": round(centre - bar_width / 2, 1), "width": round(bar_width, 1),
            "y": round(PLOT_BOTTOM - height, 1), "height": round(height, 1),
            "value_y": round(PLOT_BOTTOM - height - 5, 1),
        })  # fmt: skip
        spoken.append(f"health {band.band.label}: " + (
            f"{band.met} of {band.partners} met their targets ({_percent(share)})"
            if share is not None else "no partners"
        ))  # fmt: skip
    return {
        "id": chart_id.replace(" ", "-"),
        "bars": bars,
        "width": CHART_WIDTH,
        "axis_x": AXIS_WIDTH - 4,
        "grid": [
            {"y": round(PLOT_BOTTOM - plot_height * level / 100, 1), "label": f"{level} %"}
            for level in (0, 50, 100)
        ],
        "plot_left": AXIS_WIDTH,
        "label_y": PLOT_BOTTOM + 16,
        "count_y": PLOT_BOTTOM + 31,
        "height": PLOT_BOTTOM + 38,
        "spoken": "Share that met their targets by health at the start: " + "; ".join(spoken),
        "any_few": any(bar["few"] for bar in bars),
    }
