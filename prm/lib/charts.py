"""Chart specifications rendered by templates/components/chart.html and static/js/app.js."""


def chart(chart_id: str, kind: str, labels, datasets, *, label: str = "", height: int = 260):
    """`kind` is a Chart.js type ("bar", "doughnut", "line") or "hbar" for horizontal bars."""
    return {
        "data_id": f"{chart_id}-data",
        "label": label,
        "height": height,
        "spec": {"type": kind, "labels": list(labels), "datasets": list(datasets)},
    }


def sparkline(values, *, low=0, high=100, width=64, height=20, label: str = "") -> dict:
    """A trend line drawn as inline SVG by templates/components/sparkline.html (no script): the
    polyline's `points` ("x,y x,y …", oldest value on the left, `low` at the bottom and `high` at
    the top) and the newest point, marked. One value is a point alone; none is no line."""
    values = [float(value) for value in values if value is not None]
    span = (high - low) or 1
    inset = 2  # the line's width and the marker stay inside the box
    step = (width - 2 * inset) / (len(values) - 1) if len(values) > 1 else 0

    def y(value):
        share = (min(max(value, low), high) - low) / span
        return round(height - inset - share * (height - 2 * inset), 1)

    points = [(round(inset + index * step, 1), y(value)) for index, value in enumerate(values)]
    if len(values) == 1:
        points = [(round(width - inset, 1), points[0][1])]
    return {
        "width": width,
        "height": height,
        "label": label,
        "count": len(points),
        "points": " ".join(f"{x:g},{y:g}" for x, y in points),
        "last": points[-1] if points else None,
    }
