"""The alert list: what scoring runs found that needs a person, with filters; assigning an
alert, dismissing it with a reason, reopening a dismissed one."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import channel_managers
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_save
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from ..forms.alerts import AlertAssignForm, AlertDismissForm, AlertFilterForm
from ..selectors import alerts as selectors
from ..services import alerts as services

TEMPLATE = "performance/alert_list.html"
PAGE_SIZE = 25
# Where to act on a program-wide alert, by its `fix`.
PROGRAM_PAGES = {"rules": ("incentives:rules-list", "Rules of engagement")}


def _filtered(request, filters):
    """The filter form of the list and the alerts it keeps."""
    form = AlertFilterForm(filters)
    status, whose = form.choice("status", "open"), form.choice("whose", "all")
    queryset = selectors.alert_list(
        user=request.user, status="" if status == "all" else status, kind=form.choice("kind"),
        whose=whose, partner=form.choice("partner", None), about=form.choice("about"),
    )  # fmt: skip
    return form, queryset


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


# The alert list's export: what a row says, who has it and how it ended.
EXPORT_COLUMNS = [
    exports.column("On", lambda alert: alert.partner.name if alert.partner else "The program"),
    exports.column("Kind", "get_kind_display"),
    exports.column("Message", "message"),
    exports.column("Status", "get_status_display"),
    exports.column("Raised on", "raised_on"),
    exports.column("Last seen on", "last_seen_on"),
    exports.column("Assigned to", lambda alert: _person(alert.assigned_to)),
    exports.column("Dismissed by", lambda alert: _person(alert.dismissed_by)),
    exports.column("Dismissal reason", "dismissed_reason"),
    exports.column("Resolved on", "resolved_on"),
]


def _list_context(request, *, filters=None, here=None, failed=None, failed_form=None) -> dict:
    form, queryset = _filtered(request, request.GET if filters is None else filters)
    partner = form.choice("partner", None)
    page = Paginator(queryset, PAGE_SIZE).get_page(form.choice("page", 1))
    page.object_list = list(page.object_list)
    _row_forms(page.object_list, failed, failed_form)
    for alert in page.object_list:
        alert.act_url, alert.act_label = _where_to_act(alert)
    query = QueryDict(mutable=True)
    for name in ("status", "kind", "whose", "about"):
        if form.choice(name):
            query[name] = form.choice(name)
    if partner is not None:
        query["partner"] = partner.slug
    return {
        "form": form,
        "page": page,
        "partner": partner,
        "query": query.urlencode(),
        "here": here or request.get_full_path(),
    }


def _where_to_act(alert) -> tuple[str, str]:
    """The page to act on an alert and its link text: the partner's tab, or for a program-wide
    alert the program page its `fix` names ("" when there is none)."""
    if alert.is_program_wide:
        url_name, label = PROGRAM_PAGES.get(alert.fix, ("", ""))
        return (reverse(url_name) if url_name else ""), label
    tab = alert.fix or "scores"
    return reverse("partners:partner-tab", args=[alert.partner.slug, tab]), alert.partner.name


def _row_forms(alerts, failed=None, failed_form=None) -> None:
    """Each alert's assign and dismiss forms, with ids of their own; the people to assign to
    are read once for the page. The form that failed comes back bound, with its errors."""
    people = [("", "Nobody")] + [
        (user.pk, user.get_full_name() or user.username) for user in channel_managers()
    ]
    for alert in alerts:
        failed_here = failed_form if alert.pk == failed else None
        assign = failed_here if isinstance(failed_here, AlertAssignForm) else _assign_form(
            alert.pk, initial={"assignee": alert.assigned_to_id})  # fmt: skip
        dismiss = failed_here if isinstance(failed_here, AlertDismissForm) else _dismiss_form(
            alert.pk)  # fmt: skip
        assign.fields["assignee"].choices = people
        alert.assign_form, alert.dismiss_form = assign, dismiss


def _assign_form(pk, *args, **kwargs) -> AlertAssignForm:
    return AlertAssignForm(*args, auto_id=f"alert-{pk}-assign-%s", **kwargs)


def _dismiss_form(pk, *args, **kwargs) -> AlertDismissForm:
    return AlertDismissForm(*args, auto_id=f"alert-{pk}-dismiss-%s", **kwargs)


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def alert_list(request):
    if fmt := exports.requested_format(request):
        _form, queryset = _filtered(request, request.GET)
        rows = exports.iterate(queryset)
        return exports.export_response(fmt, name="alerts", columns=EXPORT_COLUMNS, rows=rows)
    return render_page_or_partial(request, TEMPLATE, "alert-rows", _list_context(request))


def _on(alert) -> str:
    return "the program" if alert.is_program_wide else alert.partner.name


def _back(request) -> str:
    """Where the list was (its filters and page), or the list."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("performance:alert-list")


def _act(request, pk, form, service, message):
    alert = selectors.alert_get(user=request.user, pk=pk)
    form_save(form, lambda data: service(actor=request.user, alert=alert, **data))
    if form.errors:
        # The list as it was (its filters and page), with the form that failed at its alert.
        back = _back(request)
        context = _list_context(request, filters=QueryDict(urlsplit(back).query), here=back,
                                failed=alert.pk, failed_form=form)  # fmt: skip
        return render_form_errors(request, TEMPLATE, "alert-rows", context)
    messages.success(request, message(alert))
    return redirect_after_post(request, _back(request))


@require_POST
@vendor_staff_required
def alert_assign(request, pk):
    def message(alert):
        person = alert.assigned_to
        who = (person.get_full_name() or person.username) if person else "nobody"
        return f"Alert on {_on(alert)} assigned to {who}."

    return _act(request, pk, _assign_form(pk, request.POST), services.alert_assign, message)


@require_POST
@vendor_staff_required
def alert_dismiss(request, pk):
    return _act(request, pk, _dismiss_form(pk, request.POST), services.alert_dismiss,
                lambda alert: f"Alert on {_on(alert)} dismissed.")  # fmt: skip


@require_POST
@vendor_staff_required
def alert_reopen(request, pk):
    alert = selectors.alert_get(user=request.user, pk=pk)
    try:
        services.alert_reopen(actor=request.user, alert=alert)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Alert on {_on(alert)} reopened.")
    return redirect_after_post(request, _back(request))
