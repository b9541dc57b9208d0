"""Enablement pages: the certification queue, expiring certifications, the rules of engagement
and who acknowledged them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from ..forms.enablement import CertificationQueueFilterForm, RulesPublishForm
from ..models import Certification
from ..selectors import enablement as selectors
from ..services import enablement as services

PER_PAGE = 25


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


# A certification as the exports give it; the portal's (a partner's own people) leaves out the
# partner and who decided.
CERTIFICATION_COLUMNS = [
    exports.column("Person", lambda cert: str(cert.contact)),
    exports.column("Partner", "contact.partner.name"),
    exports.column("Course", "course.name"),
    exports.column("Product", "course.product"),
    exports.column("Level", "course.get_level_display"),
    exports.column("Earned on", "earned_on"),
    exports.column("Expires on", "expires_on"),
    exports.column("Status", "get_status_display"),
    exports.column("Requested by", lambda cert: _person(cert.requested_by)),
    exports.column("Decided by", lambda cert: _person(cert.decided_by)),
]
PORTAL_CERTIFICATION_COLUMNS = [
    c for c in CERTIFICATION_COLUMNS if c.header not in ("Partner", "Decided by")
]


# --- internal ---------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def certification_list(request):
    filters = request.GET.copy()
    filters.pop(exports.PARAMETER, None)  # an export of the page as it is: requested by default
    form = CertificationQueueFilterForm(filters or {"status": Certification.Status.REQUESTED})
    form.is_valid()
    status = form.cleaned_data.get("status") or ""
    certifications = selectors.certification_queue(status=status)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="certifications", columns=CERTIFICATION_COLUMNS,
            rows=exports.iterate(certifications),
        )  # fmt: skip
    page = Paginator(certifications, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {
        "form": form,
        "page": page,
        "status": status,
        "query": f"status={status}",
        "statuses": [("", "All"), *Certification.Status.choices],
    }
    return render_page_or_partial(
        request, "incentives/certification_list.html", "certification-rows", context
    )


def _decide(request, pk, service, verb):
    certification = selectors.certification_get(user=request.user, pk=pk)
    try:
        service(actor=request.user, certification=certification)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{verb}: {certification}.")
    return redirect_after_post(request, reverse("incentives:certification-list"))


@require_POST
@vendor_staff_required
def certification_approve(request, pk):
    return _decide(request, pk, services.certification_approve, "Approved")


@require_POST
@vendor_staff_required
def certification_reject(request, pk):
    return _decide(request, pk, services.certification_reject, "Rejected")


@require_GET
@vendor_staff_required
def certification_expiring(request):
    expiring = selectors.expiring_soon()
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="certifications-expiring", columns=CERTIFICATION_COLUMNS,
            rows=exports.iterate(expiring),
        )  # fmt: skip
    page = Paginator(expiring, PER_PAGE).get_page(request.GET.get("page") or 1)
    context = {"page": page, "days": selectors.EXPIRING_WITHIN_DAYS}
    return render(request, "incentives/certification_expiring.html", context)


@require_GET
@vendor_staff_required
def dashboard_enablement_panel(request):
    """The dashboard's enablement panels, loaded by htmx after the dashboard itself."""
    context = {"ctx": selectors.dashboard_enablement_recent()}
    return render(request, "incentives/panel_dashboard_enablement_body.html", context)


RULES_COLUMNS = [
    exports.column("Version", "version"),
    exports.column("Effective on", "effective_on"),
    exports.column("Change", lambda rules: "Significant" if rules.significant else "Minor"),
    exports.column("Summary", "summary"),
    exports.column("Published by", lambda rules: _person(rules.published_by)),
    exports.column("Published at", "published_at"),
]

# A row of the acknowledgements export: (partner, its acknowledgement or None).
ACKNOWLEDGEMENT_COLUMNS = [
    exports.column("Partner", lambda row: row[0].name),
    exports.column("Acknowledged", lambda row: "Yes" if row[1] else "No"),
    exports.column("By", lambda row: _person(row[1].acknowledged_by) if row[1] else ""),
    exports.column("At", lambda row: row[1].acknowledged_at if row[1] else None),
]


@require_GET
@vendor_staff_required
def rules_list(request):
    if fmt := exports.requested_format(request):
        rows = exports.iterate(selectors.rules_versions())
        return exports.export_response(fmt, name="rules", columns=RULES_COLUMNS, rows=rows)
    context = {
        "versions": selectors.rules_versions(),
        "current": selectors.current_rules(),
        "stability": selectors.stability(),
    }
    return render(request, "incentives/rules_list.html", context)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def rules_create(request):
    form = RulesPublishForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "stability": selectors.stability()}
    if request.method == "GET":
        return render(request, "incentives/rules_form.html", context)
    return form_submit(
        request, form, lambda data: services.rules_publish(actor=request.user, **data),
        template="incentives/rules_form.html", partial="rules-form", context=context,
        success_url=reverse("incentives:rules-list"),
        message=lambda rules: f"Published version {rules.version} of the rules.",
    )  # fmt: skip


@require_GET
@vendor_staff_required
def rules_acknowledgements(request, pk):
    rules = selectors.rules_get(user=request.user, pk=pk)
    partners = list(selectors.acknowledgement_status(rules=rules))
    acknowledgements = {a.partner_id: a for a in selectors.acknowledgements_of(rules=rules)}
    if fmt := exports.requested_format(request):
        rows = [(p, acknowledgements.get(p.pk)) for p in partners]
        return exports.export_response(
            fmt, name=f"acknowledgements-v{rules.version}", columns=ACKNOWLEDGEMENT_COLUMNS,
            rows=rows,
        )  # fmt: skip
    missing = [p for p in partners if not p.acknowledged]
    context = {
        "rules": rules,
        "missing": missing,
        "acknowledged": [(p, acknowledgements.get(p.pk)) for p in partners if p.acknowledged],
    }
    return render(request, "incentives/rules_acknowledgements.html", context)
