"""Internal pages of the engagement plan and log: actions, interactions, objectives and the
cross-partner portfolio. Vendor staff only; objects by id come through selectors.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from prm import columns
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import render_page_or_partial

from .. import services
from ..forms.engagement import (
    PORTFOLIO_PAGE_KEYS,
    ActionForm,
    ActionStatusForm,
    InteractionForm,
    ListFilterForm,
    ObjectiveForm,
    PortfolioFilterForm,
)
from ..selectors import access
from ..selectors import engagement as selectors
from ..selectors import portfolio as portfolio_selectors

PER_PAGE = 25


def _relationships_tab(partner) -> str:
    return reverse("partners:partner-tab", kwargs={"slug": partner.slug, "tab": "relationships"})


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _names(users) -> str:
    return ", ".join(_name(user) for user in users.all())


def _people(row) -> str:
    return ", ".join(str(stakeholder.contact) for stakeholder in row.stakeholders.all())


ACTION_COLUMNS = [
    exports.column("What", "title"),
    exports.column("For", _people),
    exports.column("Owner", lambda action: _name(action.owner)),
    exports.column("Due", "due_on"),
    exports.column("Status", "get_status_display"),
]
INTERACTION_COLUMNS = [
    exports.column("Date", "occurred_on"),
    exports.column("Channel", "get_channel_display"),
    exports.column("With", _people),
    exports.column("Sentiment", "get_sentiment_display"),
    exports.column("Notes", "notes"),
    exports.column("Logged by", lambda interaction: _name(interaction.logged_by)),
]

OBJECTIVE_COLUMNS = [
    exports.column("Objective", "title"),
    exports.column("Person", lambda o: str(o.stakeholder.contact) if o.stakeholder else ""),
    exports.column("Target stance", "get_target_stance_display"),
    exports.column("Target level", "get_target_level_display"),
    exports.column("By", "due_on"),
    exports.column("Status", "get_status_display"),
    exports.column("Owner", lambda objective: _name(objective.owner)),
]


# --- Engagement actions ------------------------------------------------------------------------


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def action_list(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    filters = ListFilterForm(request.GET)
    show = filters.value("show", "all")
    actions = selectors.action_list(partner=partner, show=show)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name=f"actions-{partner.slug}", columns=ACTION_COLUMNS,
            rows=exports.iterate(actions),
        )  # fmt: skip
    page = Paginator(actions, PER_PAGE).get_page(filters.value("page", 1))
    selectors.mark_overdue(page.object_list)
    context = {
        "partner": partner,
        "page": page,
        "show": show,
        "counts": selectors.action_counts(partner=partner),
        "query": f"show={show}" if show != "all" else "",
    }
    return render_page_or_partial(request, "relationships/action_list.html", "action-rows", context)


def _action_form_page(request, partner, action=None):
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        instance=action,
        partner=partner,
        initial=None if action else {"owner": request.user.pk, "status": "planned"},
    )
    context = {"partner": partner, "action": action, "form": form}
    if request.method != "POST":
        return render(request, "relationships/action_form.html", context)

    def save(data):
        if action is None:
            return services.action_create(actor=request.user, partner=partner, **data)
        return services.action_update(actor=request.user, action=action, **data)

    return form_submit(
        request, form, save, template="relationships/action_form.html", partial="action-form",
        context=context,
        success_url=reverse("relationships:action-list", kwargs={"slug": partner.slug}),
        message=lambda saved: f"Action “{saved.title}” saved.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def action_create(request, slug):
    return _action_form_page(request, access.partner_get(user=request.user, slug=slug))


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def action_edit(request, pk):
    action = access.action_get(user=request.user, pk=pk)
    return _action_form_page(request, action.partner, action)


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def action_status(request, pk):
    """Quick status change from the list: htmx swaps the row, a plain POST goes back."""
    action = access.action_get(user=request.user, pk=pk)
    form = ActionStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.action_update(
                actor=request.user, action=action, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "Choose a valid status."
    list_url = reverse("relationships:action-list", kwargs={"slug": action.partner.slug})
    if not error:  # for htmx too: the swapped row carries it as a toast (prm.lib.toasts)
        messages.success(request, f"“{action}” is now {action.get_status_display().lower()}.")
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(list_url)
    action = selectors.action_list(partner=action.partner).get(pk=action.pk)
    selectors.mark_overdue([action])
    context = {"partner": action.partner, "action": action, "row_error": error}
    return render(
        request, "relationships/action_list.html#action-row", context, status=422 if error else 200
    )


# --- Interactions ------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def interaction_list(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    filters = ListFilterForm(request.GET)
    interactions = selectors.interaction_list(partner=partner)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name=f"interactions-{partner.slug}", columns=INTERACTION_COLUMNS,
            rows=exports.iterate(interactions),
        )  # fmt: skip
    page = Paginator(interactions, PER_PAGE).get_page(filters.value("page", 1))
    context = {"partner": partner, "page": page, "query": ""}
    return render_page_or_partial(
        request, "relationships/interaction_list.html", "interaction-rows", context
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def interaction_create(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    form = InteractionForm(request.POST if request.method == "POST" else None, partner=partner)
    context = {"partner": partner, "form": form}
    if request.method != "POST":
        return render(request, "relationships/interaction_form.html", context)
    return form_submit(
        request, form,
        lambda data: services.interaction_log(actor=request.user, partner=partner, **data),
        template="relationships/interaction_form.html", partial="interaction-form",
        context=context, success_url=_relationships_tab(partner), message=_logged,
    )  # fmt: skip


def _logged(interaction) -> str:
    people = ", ".join(str(person) for person in interaction.contacts.all())
    when = date_format(interaction.occurred_on, "j F Y")
    return f"Interaction logged. {interaction.get_channel_display()} with {people} on {when}."


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def interaction_delete(request, pk):
    interaction = access.interaction_get(user=request.user, pk=pk)
    partner = interaction.partner
    what = f"{interaction.get_channel_display()} of {date_format(interaction.occurred_on, 'j F Y')}"
    services.interaction_delete(actor=request.user, interaction=interaction)
    messages.success(request, f"Interaction deleted: {what}.")
    if request.htmx:
        return HttpResponse("")  # the row goes away; the message follows out of band
    return redirect("relationships:interaction-list", slug=partner.slug)


# --- Objectives --------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def objective_list(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    filters = ListFilterForm(request.GET)
    objectives = selectors.objective_list(partner=partner)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name=f"objectives-{partner.slug}", columns=OBJECTIVE_COLUMNS,
            rows=exports.iterate(objectives),
        )  # fmt: skip
    page = Paginator(objectives, PER_PAGE).get_page(filters.value("page", 1))
    selectors.with_progress(page.object_list)
    context = {"partner": partner, "page": page, "query": ""}
    return render_page_or_partial(
        request, "relationships/objective_list.html", "objective-rows", context
    )


def _objective_form_page(request, partner, objective=None):
    form = ObjectiveForm(
        request.POST if request.method == "POST" else None,
        instance=objective,
        partner=partner,
        initial=None if objective else {"owner": request.user.pk},
    )
    context = {"partner": partner, "objective": objective, "form": form}
    if request.method != "POST":
        return render(request, "relationships/objective_form.html", context)

    def save(data):
        if objective is None:
            return services.objective_create(actor=request.user, partner=partner, **data)
        return services.objective_update(actor=request.user, objective=objective, **data)

    return form_submit(
        request, form, save, template="relationships/objective_form.html",
        partial="objective-form", context=context,
        success_url=reverse("relationships:objective-list", kwargs={"slug": partner.slug}),
        message=lambda saved: f"Objective “{saved.title}” saved.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def objective_create(request, slug):
    return _objective_form_page(request, access.partner_get(user=request.user, slug=slug))


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def objective_edit(request, pk):
    objective = access.objective_get(user=request.user, pk=pk)
    return _objective_form_page(request, objective.partner, objective)


# --- Portfolio ---------------------------------------------------------------------------------

PORTFOLIO_PER_PAGE = 10
PORTFOLIO_TITLES = {
    "non-supporters": "Influential non-supporters without a plan",
    "cadence": "Stakeholders out of cadence",
    "champions": "Partners without a champion",
    "overdue": "Overdue engagement actions",
}


class _Counted:
    """What a Paginator needs to number the pages of a list it does not hold."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, index):
        return []


def _portfolio_section(key, pages, base_query, today):
    count, number, ids = pages[key]
    page = Paginator(_Counted(count), PORTFOLIO_PER_PAGE).get_page(number)
    page.object_list = portfolio_selectors.portfolio_section_rows(key=key, ids=ids)
    if key == "overdue":
        selectors.mark_overdue(page.object_list, today)
    query = QueryDict(base_query, mutable=True)
    query["section"] = key
    return {
        "key": key,
        "title": PORTFOLIO_TITLES[key],
        "page": page,
        "page_param": PORTFOLIO_PAGE_KEYS[key],
        "query": query.urlencode(),
    }


def _attach_column_cells(sections) -> None:
    """The registered columns' cells of every section's rows, read once for all sections."""
    rows = [
        (row, getattr(row, portfolio_selectors.SECTION_PARTNER[section["key"]]))
        for section in sections
        for row in section["page"].object_list
    ]  # fmt: skip
    row_cells = columns.load_cells(portfolio_selectors.COLUMNS, [pk for _row, pk in rows])
    for row, partner_id in rows:
        row.column_cells = row_cells(partner_id)


_PEOPLE_COLUMNS = [
    exports.column("Person", lambda s: str(s.contact)),
    exports.column("Title", "contact.title"),
    exports.column("Partner", "partner.name"),
    exports.column("Stance", "get_stance_display"),
    exports.column("Strategy", "get_strategy_display"),
    exports.column("Influence", "influence"),
    exports.column("Last contact", "last_interaction_on"),
    exports.column("Cadence (days)", "cadence_days"),
    exports.column("Owners", lambda s: _names(s.owners)),
]
# Each portfolio section's export (`?section=…&export=csv`; the first section without one).
PORTFOLIO_EXPORT_COLUMNS = {
    "non-supporters": _PEOPLE_COLUMNS,
    "cadence": _PEOPLE_COLUMNS,
    "champions": [
        exports.column("Partner", "name"),
        exports.column("Status", "get_status_display"),
        exports.column("Tier", "tier.name"),
        exports.column("Owner", lambda p: _name(p.owner)),
    ],
    "overdue": [
        exports.column("Action", "title"),
        exports.column("For", _people),
        exports.column("Partner", "partner.name"),
        exports.column("Due", "due_on"),
        exports.column("Status", "get_status_display"),
        exports.column("Owner", lambda a: _name(a.owner)),
    ],
}


def _portfolio_export(fmt, form, owner):
    key = form.section_key() or next(iter(portfolio_selectors.PORTFOLIO_SECTIONS))
    rows = portfolio_selectors.portfolio_section(
        key, owner=owner, sort=form.sort_choice(), filters=form.column_values()
    )
    return exports.export_response(
        fmt, name=f"relationship-portfolio-{key}", columns=PORTFOLIO_EXPORT_COLUMNS[key],
        rows=exports.iterate(rows),
    )  # fmt: skip


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def portfolio(request):
    form = PortfolioFilterForm(request.GET, user=request.user)
    owner, owner_key = form.owner_user(), form.owner_choice()
    if fmt := exports.requested_format(request):
        return _portfolio_export(fmt, form, owner)
    base_query = form.base_query()
    section = form.section_key()
    partial = bool(request.htmx and section)
    keys = [section] if partial else list(portfolio_selectors.PORTFOLIO_SECTIONS)
    today = timezone.localdate()
    pages = portfolio_selectors.portfolio_pages(
        owner=owner, numbers={key: form.page_number(key) for key in keys},
        per_page=PORTFOLIO_PER_PAGE, today=today, sort=form.sort_choice(),
        filters=form.column_values(),
    )  # fmt: skip
    sections = [_portfolio_section(key, pages, base_query, today) for key in keys]
    _attach_column_cells(sections)
    context = {
        "form": form,
        "owner": owner,
        "owner_key": owner_key,
        "sections": sections,
        "today": today,
        "columns": columns.shown_columns(portfolio_selectors.COLUMNS),
        "column_stylesheets": columns.stylesheets(portfolio_selectors.COLUMNS),
    }
    if partial:
        context["section"] = sections[0]
        return render(request, "relationships/portfolio_overview.html#portfolio-section", context)
    response = render(request, "relationships/portfolio_overview.html", context)
    if request.htmx:  # the filter form: its address, without the empty fields
        return push_url(response, f"{request.path}?{base_query}" if base_query else request.path)
    return response
