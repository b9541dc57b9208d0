"""What the operations maturity registers with `prm` (its notification kind, the inbox source of
improvement actions, the demo seeder) and the radar chart its pages draw."""

from django.utils.translation import gettext as _

from prm import demo, inbox
from prm.lib.charts import chart
from prm.lib.dates import day_label
from prm.notifications import kinds
from prm.notifications.kinds import Audience, Channel, Section

from ..models import MaturityLevel

NOW_COLOUR, BEFORE_COLOUR = "#2457c5", "#a3acbb"
LABEL_LINE = 14  # characters per line of a process name around the radar


def register() -> None:
    kinds.register_kinds((
        ("maturity_action_assigned", "Improvement action assigned to you",
         "Operations maturity", Channel.EMAIL, Section.WAITING, Audience.STAFF),
    ))  # fmt: skip
    inbox.register_source(
        key="maturity-actions", label="Improvement actions due", audience="staff",
        selector="planning.selectors.maturity.actions_due", order=80,
    )  # fmt: skip
    demo.register_seeder(
        "planning-maturity", "planning.demo.maturity.seed", after=("performance",),
        present="planning.demo.maturity.present",
    )  # fmt: skip


def _wrapped(name: str) -> list[str]:
    """A process name on lines of ~14 characters, so the radar's labels stay inside narrow
    screens."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def radar(chart_id: str, latest, previous) -> dict | None:
    """The latest assessment's levels as a polygon over the processes, the previous one's
    behind it (the processes of the latest; one the previous did not rate shows no point)."""
    if latest is None:
        return None
    ratings = list(latest.ratings.all())
    before = {r.process_id: r.level for r in previous.ratings.all()} if previous else {}
    datasets = [_dataset(_("Now (%(day)s)") % {"day": day_label(latest.assessed_on)},
                         [r.level for r in ratings], NOW_COLOUR)]  # fmt: skip
    if previous is not None:
        label = _("Last time (%(day)s)") % {"day": day_label(previous.assessed_on)}
        datasets.append(
            _dataset(label, [before.get(r.process_id) for r in ratings], BEFORE_COLOUR, dashed=True)
        )
    labels = [_wrapped(r.process.name) for r in ratings]
    spec = chart(chart_id, "radar", labels, datasets, label=_("Maturity per process"), height=380)
    spec["spec"]["r"] = {"max": len(MaturityLevel.values), "step": 1}
    return spec


def _dataset(label, data, colour, *, dashed=False) -> dict:
    dataset = {
        "label": label, "data": data, "borderColor": colour, "backgroundColor": colour + "26",
        "pointBackgroundColor": colour, "borderWidth": 2,
    }  # fmt: skip
    if dashed:
        dataset["borderDash"] = [6, 4]
    return dataset
