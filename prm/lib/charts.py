"""Chart specifications rendered by templates/components/chart.html and static/js/app.js."""


def chart(chart_id: str, kind: str, labels, datasets, *, label: str = "", height: int = 260):
    """`kind` is a Chart.js type ("bar", "doughnut", "line") or "hbar" for horizontal bars."""
    return {
        "data_id": f"{chart_id}-data",
        "label": label,
        "height": height,
        "spec": {"type": kind, "labels": list(labels), "datasets": list(datasets)},
    }
