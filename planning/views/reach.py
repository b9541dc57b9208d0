"""The reach calculator (a GET form; htmx swaps the results as inputs change), saving its
inputs as a named scenario, the list of scenarios and their side-by-side comparison with
charts. Vendor staff only."""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import registry as partner_reads
from prm.lib import charts
from prm.lib.access import vendor_staff_required
from prm.lib.forms import apply_service_errors
from prm.lib.htmx import redirect_after_post, render_page_or_partial
from prm.lib.money import default_currency

from ..forms.reach import ReachForm, ReachScenarioSaveForm, split_field_name
from ..selectors import reach as selectors
from ..services.reach import INPUT_FIELDS as SCENARIO_INPUTS
from ..services.reach import reach_scenario_create, reach_scenario_delete

CALCULATOR = "planning/reach_calculator.html"
SCENARIOS = "planning/reach_scenarios.html"
COMPARE = "planning/reach_compare.html"
MAX_COMPARED = 4
# What the calculator starts from when the data says nothing about it.
START = {"goal": "1000000", "period_months": "12", "training_cost": "5000",
         "incentive_cost": "2500"}  # fmt: skip


def _initial(defaults, territories, tiers) -> dict:
    initial = {**START, "currency": default_currency()}
    initial |= {name: str(default.value) for name, default in defaults.items()}
    for key, percent in selectors.default_split(territories).items():
        initial[f"split_{key}"] = str(percent)
    tier = selectors.default_tier(tiers)
    initial["tier"] = str(tier.tier_id) if tier else ""
    return initial


def _calculator_context(data) -> dict:
    """The bound form (the query string over the defaults) and, when valid, the report."""
    territories = selectors.territory_capacity()
    tiers = selectors.certification_tiers()
    defaults = selectors.reach_defaults()
    initial = _initial(defaults, territories, tiers)
    given = {key: value for key, value in data.items() if key in initial}
    form = ReachForm({**initial, **given}, territories=territories, tiers=tiers)
    report = None
    if form.is_valid():
        report = selectors.reach_report(
            inputs=form.inputs(form.cleaned_data), split=form.split(),
            tier_id=form.cleaned_data["tier"], territories=territories, tiers=tiers,
        )  # fmt: skip
    input_rows = [
        (form[name], defaults.get(name)) for name in form.fields if not name.startswith("split_")
    ]
    return {
        "form": form, "report": report, "defaults": defaults, "territories": territories,
        "input_rows": input_rows,
        "charts": _report_charts(report, "reach") if report else {},
        "save_form": ReachScenarioSaveForm(),
    }  # fmt: skip


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def reach_calculator(request):
    context = _calculator_context(request.GET)
    status = 200 if context["report"] or not request.htmx else 422
    return render_page_or_partial(request, CALCULATOR, "reach-results", context, status=status)


@require_POST
@vendor_staff_required
def reach_scenario_save(request):
    """Save the calculator's current inputs (posted with the name) as a scenario."""
    context = _calculator_context(request.POST)
    form, save_form = context["form"], ReachScenarioSaveForm(request.POST)
    context["save_form"] = save_form
    if context["report"] is not None and save_form.is_valid():
        data = form.cleaned_data
        split = {row["key"]: data[split_field_name(row)] for row in context["territories"]}
        try:
            scenario = reach_scenario_create(
                actor=request.user, name=save_form.cleaned_data["name"],
                notes=save_form.cleaned_data["notes"], tier=_tier(data["tier"]),
                split=_territory_objects(split), **_service_inputs(data),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(save_form, error)
        else:
            messages.success(request, _("Scenario “%(name)s” saved.") % {"name": scenario.name})
            return redirect("planning:reach-scenario-list")
    return render_page_or_partial(request, CALCULATOR, "reach-results", context, status=422)


def _service_inputs(data) -> dict:
    return {name: data[name] for name in SCENARIO_INPUTS}


def _tier(tier_id):
    return partner_reads.tiers().filter(pk=tier_id).first() if tier_id else None


def _territory_objects(split: dict) -> dict:
    by_id = partner_reads.territories().in_bulk(list(split))
    return {by_id[key]: percent for key, percent in split.items() if key in by_id}


@require_GET
@vendor_staff_required
def reach_scenario_list(request):
    scenarios = list(selectors.reach_scenario_list(user=request.user))
    territories = selectors.territory_capacity()
    tiers = selectors.certification_tiers()
    rows = [
        {"scenario": scenario,
         "report": selectors.scenario_report(scenario, territories=territories, tiers=tiers)}
        for scenario in scenarios
    ]  # fmt: skip
    return render_page_or_partial(request, SCENARIOS, "scenario-rows", {"rows": rows})


@require_POST
@vendor_staff_required
def reach_scenario_delete_view(request, pk):
    scenario = selectors.reach_scenario_get(user=request.user, pk=pk)
    reach_scenario_delete(actor=request.user, scenario=scenario)
    messages.success(request, _("Scenario “%(name)s” deleted.") % {"name": scenario.name})
    return redirect_after_post(request, reverse("planning:reach-scenario-list"))


class CompareForm(forms.Form):
    ids = forms.CharField()

    def clean_ids(self):
        try:
            ids = list(dict.fromkeys(int(part) for part in self.cleaned_data["ids"].split(",")))
        except ValueError:
            raise ValidationError(
                _("Scenario ids are whole numbers, separated by commas.")
            ) from None
        if not 1 <= len(ids) <= MAX_COMPARED:
            raise ValidationError(_("Pick two to four scenarios to compare."))
        return ids


@require_GET
@vendor_staff_required
def reach_compare(request):
    data = request.GET.copy()
    if data.getlist("ids") and len(data.getlist("ids")) > 1:  # ?ids=1&ids=2 from checkboxes
        data["ids"] = ",".join(data.getlist("ids"))
    form = CompareForm(data)
    if not form.is_valid():
        messages.error(request, form.errors["ids"][0])
        return redirect("planning:reach-scenario-list")
    by_id = selectors.reach_scenario_list(user=request.user).in_bulk(form.cleaned_data["ids"])
    scenarios = [by_id[pk] for pk in form.cleaned_data["ids"] if pk in by_id]
    if not scenarios:
        messages.error(request, _("None of these scenarios exists any more."))
        return redirect("planning:reach-scenario-list")
    territories = selectors.territory_capacity()
    tiers = selectors.certification_tiers()
    columns = []
    for index, scenario in enumerate(scenarios):
        report = selectors.scenario_report(scenario, territories=territories, tiers=tiers)
        columns.append({"scenario": scenario, "report": report,
                        "calculator_url": _calculator_url(scenario),
                        "charts": _report_charts(report, f"scenario-{index}")})  # fmt: skip
    context = {"columns": columns, "goal_chart": _goal_chart(columns),
               "list_url": reverse("planning:reach-scenario-list")}  # fmt: skip
    return render_page_or_partial(request, COMPARE, "compare", context)


def _calculator_url(scenario) -> str:
    """The calculator opened with a scenario's inputs, to try variations of it."""
    query = {name: getattr(scenario, name) for name in SCENARIO_INPUTS}
    query["tier"] = scenario.tier_id or ""
    query |= {f"split_{row.territory_id}": row.percent for row in scenario.splits.all()}
    return f"{reverse('planning:reach')}?{urlencode(query)}"


# --- charts ------------------------------------------------------------------------------------


def _report_charts(report, prefix: str) -> dict:
    rows = [row for row in report.sensitivity if row["swing"]] or report.sensitivity
    sensitivity = charts.chart(
        f"{prefix}-sensitivity", "hbar", [str(row["label"]) for row in rows],
        [{"label": _("Input −20 %"), "data": [row["low_change"] for row in rows]},
         {"label": _("Input +20 %"), "data": [row["high_change"] for row in rows]}],
        label=_("Change in recruits needed when each input moves by 20 %, largest first"),
        height=60 + 34 * len(rows),
    )  # fmt: skip
    sweep = charts.chart(
        f"{prefix}-sweep", "line", [f"{point['percent']} %" for point in report.sweep],
        [{"label": _("Productive partners needed"), "borderColor": "#2457c5", "borderWidth": 2,
          "data": [point["productive"] for point in report.sweep]},
         {"label": _("Recruits needed"), "borderColor": "#187a43", "borderWidth": 2,
          "data": [point["recruits"] for point in report.sweep]}],
        label=_("Partners needed at 50 % to 150 % of the goal"),
    )  # fmt: skip
    return {"sensitivity": sensitivity, "sweep": sweep}


def _goal_chart(columns) -> dict:
    labels = [
        f"{column['scenario'].name} ({_short(column['report'].inputs.goal)})" for column in columns
    ]
    return charts.chart(
        "compare-goal", "bar", labels,
        [{"label": _("Productive partners needed"),
          "data": [column["report"].result.productive_needed for column in columns]},
         {"label": _("Recruits needed"),
          "data": [column["report"].result.recruits_needed for column in columns]}],
        label=_("Partners needed for each scenario's goal"),
    )  # fmt: skip


def _short(amount: Decimal) -> str:
    for size, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(1000), "k")):
        if abs(amount) >= size:
            return f"{amount / size:.3g}{suffix}"
    return f"{amount:.0f}"
