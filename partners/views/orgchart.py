"""Org chart pages: add, edit, move and mark people as left; add and change units; import CSV.

The chart itself is the partner page's "Org chart" tab (partners.panels.orgchart). Each form
here is a small page that the chart opens in a dialog through htmx; after a change the chart
reloads. Writes go through the services, which refuse reporting and unit cycles.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import redirect_after_post, render_form_errors, render_page_or_partial

from .. import selectors, services
from ..forms.orgchart import (
    ContactForm,
    ContactImportForm,
    ContactLeftForm,
    ContactMoveForm,
    OrgUnitForm,
)
from ..imports import SAMPLE_CSV
from ..imports import contact_import as import_contacts
from ..panels.orgchart import chart_url, orgchart_branch_context, page_url_name

FORM_TEMPLATE = "partners/orgchart_form.html"
IMPORT_TEMPLATE = "partners/contact_import.html"


def highlight_url(partner, contact) -> str:
    """The chart with `contact` opened, scrolled to and highlighted (static/js/orgchart.js). No
    #fragment: from the same address (a second change to that person) it would not reload."""
    return f"{chart_url(partner)}?highlight={contact.pk}"


def _form_page(request, form, partner, *, save, success, success_url=None, **page):
    """GET shows the form; POST validates, calls `save(data)` and returns to the chart, or shows
    the errors at their fields (422) with nothing saved."""
    url = chart_url(partner)
    context = {"form": form, "partner": partner, "chart_url": url, "action": request.path, **page}
    if request.method == "POST":
        return form_submit(
            request, form, save, template=FORM_TEMPLATE, partial="orgchart-form",
            context=context, success_url=success_url or url, message=success,
        )  # fmt: skip
    return render_page_or_partial(request, FORM_TEMPLATE, "orgchart-form", context)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _manager_from_query(request, form):
    """ "Add a report" links pass the manager; only one of the partner's current people counts."""
    raw = request.GET.get("reports_to", "")
    if not raw.isdigit():
        return None
    return form.fields["reports_to"].queryset.select_related("org_unit").filter(pk=raw).first()


# --- people --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def contact_create(request, slug):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    form = ContactForm(_posted(request), partner=partner)
    manager = _manager_from_query(request, form)
    if manager is not None:
        form.initial = {"reports_to": manager.pk, "org_unit": manager.org_unit_id}
    return _form_page(
        request,
        form,
        partner,
        save=lambda data: services.contact_create(actor=request.user, partner=partner, **data),
        success=lambda contact: f"{contact} is on the org chart.",
        success_url=lambda contact: highlight_url(partner, contact),
        title=f"Add a report to {manager}" if manager else "Add a person",
        intro=(
            f"{partner} · the new person reports to {manager}; change it below if needed."
            if manager
            else f"Someone at {partner}. Leave “Reports to” empty for the top of the chart."
        ),
        action=request.get_full_path(),
        submit_label="Add to the chart",
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def contact_edit(request, pk):
    contact = selectors.contact_get(user=request.user, pk=pk)
    partner = contact.partner
    form = ContactForm(_posted(request), partner=partner, contact=contact)
    return _form_page(
        request,
        form,
        partner,
        save=lambda data: services.contact_update(actor=request.user, contact=contact, **data),
        success=lambda contact: f"{contact}'s details are saved.",
        title=f"Edit {contact}",
        intro=f"{partner} · the facts about this person; our analysis is kept apart.",
        submit_label="Save changes",
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def contact_move(request, pk):
    contact = selectors.contact_get(user=request.user, pk=pk)
    form = ContactMoveForm(_posted(request), contact=contact)
    manager = contact.reports_to
    return _form_page(
        request,
        form,
        contact.partner,
        save=lambda data: services.contact_move(actor=request.user, contact=contact, **data),
        success=lambda contact: f"{contact} moved.",
        success_url=lambda contact: highlight_url(contact.partner, contact),
        title=f"Move {contact}",
        intro=(
            f"Now reports to {manager or 'nobody (top of the chart)'}"
            f"{f' in {contact.org_unit}' if contact.org_unit else ''}. "
            "Their own reports move with them."
        ),
        submit_label="Move",
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def contact_mark_left(request, pk):
    contact = selectors.contact_get(user=request.user, pk=pk)
    form = ContactLeftForm(_posted(request))
    reports = contact.direct_reports.current().count()
    successor = contact.reports_to or "nobody (they go to the top of the chart)"
    moves = (
        f" Their {reports} direct report{'s' if reports != 1 else ''} will report to {successor}."
        if reports
        else ""
    )
    return _form_page(
        request,
        form,
        contact.partner,
        save=lambda data: services.contact_mark_left(
            actor=request.user, contact=contact, left_on=data["left_on"]
        ),
        success=lambda contact: f"{contact} is marked as having left.",
        title=f"{contact} has left",
        intro=f"{contact} leaves the chart and stays in the history of {contact.partner}.{moves}",
        submit_label="Mark as left",
        danger=True,
    )


# --- units -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def orgunit_create(request, slug):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    form = OrgUnitForm(_posted(request), partner=partner)
    return _form_page(
        request,
        form,
        partner,
        save=lambda data: services.org_unit_create(actor=request.user, partner=partner, **data),
        success=lambda unit: f"Unit “{unit}” added.",
        title="Add a unit",
        intro=f"A department or team at {partner}; units can sit inside other units.",
        submit_label="Add unit",
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def orgunit_edit(request, pk):
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    form = OrgUnitForm(_posted(request), partner=unit.partner, unit=unit)
    return _form_page(
        request,
        form,
        unit.partner,
        save=lambda data: services.org_unit_update(actor=request.user, unit=unit, **data),
        success=lambda unit: f"Unit “{unit}” saved.",
        title=f"Rename or move “{unit}”",
        intro="Its sub-units and people move with it.",
        submit_label="Save unit",
    )


# --- CSV import ------------------------------------------------------------------------------


def _imported(report) -> str:
    return (
        f"Imported {report.rows} people: {report.created} new, {report.updated} updated, "
        f"{report.unchanged} unchanged"
        + (f", {len(report.new_units)} new unit(s)." if report.new_units else ".")
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def contact_import(request, slug):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    form = ContactImportForm(_posted(request), request.FILES or None)
    context = {
        "form": form, "partner": partner, "chart_url": chart_url(partner), "report": None,
        "action": request.path,
        "sample_url": reverse(page_url_name("contact-import-sample"), args=[partner.slug]),
    }  # fmt: skip
    if request.method == "GET":
        return render_page_or_partial(request, IMPORT_TEMPLATE, "import-panel", context)
    if not form.is_valid():
        return render_form_errors(request, IMPORT_TEMPLATE, "import-panel", context)
    dry_run = request.POST.get("action") == "check"
    upload = form.cleaned_data["file"]
    report = import_contacts(
        actor=request.user, partner=partner, content=upload.read(), dry_run=dry_run
    )
    context.update(report=report, dry_run=dry_run, file_name=upload.name)
    if not report.ok:
        return render_form_errors(request, IMPORT_TEMPLATE, "import-panel", context)
    if dry_run:
        return render_page_or_partial(request, IMPORT_TEMPLATE, "import-panel", context)
    messages.success(request, _imported(report))
    return redirect_after_post(request, chart_url(partner))


@require_GET
@vendor_staff_required
def contact_import_sample(request, slug):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    response = HttpResponse(SAMPLE_CSV, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partner.slug}-contacts.csv"'
    return response


@require_GET
@vendor_staff_required
def orgchart_branch(request, pk):
    """The reports of one person, loaded when a folded branch of a large chart is opened."""
    contact = selectors.contact_get(user=request.user, pk=pk)
    context = orgchart_branch_context(request, contact)
    return render(request, "partners/orgchart_branch.html", context)
