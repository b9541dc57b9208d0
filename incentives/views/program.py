"""Program pages: the tiers' terms, the manager's tier change, the resource library."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from partners.selectors import partner_get_for_user
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_save, form_submit
from prm.lib.htmx import render_form_errors, render_page_or_partial

from ..forms.program import (
    BenefitForm,
    ResourceFilterForm,
    ResourceForm,
    TierChangeForm,
    TierRequirementForm,
)
from ..selectors import program as selectors
from ..services import program as services

# --- internal ---------------------------------------------------------------------------------


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def tier_change(request, slug):
    partner = partner_get_for_user(user=request.user, slug=slug)
    form = TierChangeForm(request.POST, partner=partner)
    return form_submit(
        request,
        form,
        lambda data: services.tier_change(actor=request.user, partner=partner, **data),
        template="incentives/tier_change_form.html",
        partial="tier-change-form",
        context={"ctx": {"partner": partner, "form": form}},
        success_url=reverse("partners:partner-tab", args=[slug, "program"]),
        message=lambda change: f"{partner.name} is now {change.to_tier.name}.",
    )


RESOURCE_COLUMNS = [
    exports.column("Title", "title"),
    exports.column("Category", "get_category_display"),
    exports.column("Visible from tier", lambda r: r.minimum_tier.name if r.minimum_tier else "All"),
    exports.column("Kind", lambda resource: "File" if resource.file else "Link"),
    exports.column("Link", "link"),
    exports.column("Description", "description"),
]
# A partner sees only what their tier allows: which tier a resource needs is not theirs to read.
PORTAL_RESOURCE_COLUMNS = [c for c in RESOURCE_COLUMNS if c.header != "Visible from tier"]


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def resource_list(request):
    form = ResourceFilterForm(request.GET)
    form.is_valid()
    category = form.cleaned_data.get("category") or ""
    resources = selectors.resource_list(category=category)
    if fmt := exports.requested_format(request):
        return exports.export_response(
            fmt, name="resources", columns=RESOURCE_COLUMNS, rows=exports.iterate(resources)
        )
    context = {
        "form": form,
        "resources": resources,
        "query": f"category={category}" * bool(category),
    }
    return render_page_or_partial(
        request, "incentives/resource_list.html", "resource-rows", context
    )


def _resource_initial(resource) -> dict:
    return {
        "title": resource.title, "description": resource.description,
        "category": resource.category, "minimum_tier": resource.minimum_tier,
        "link": resource.link,
    }  # fmt: skip


def _resource_form_page(request, *, resource=None):
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=_resource_initial(resource) if resource is not None else {},
        versioned=resource, initial_for=_resource_initial,
    )  # fmt: skip
    context = {"form": form, "resource": resource}
    if request.method == "GET":
        return render(request, "incentives/resource_form.html", context)

    def save(data):
        if resource is None:
            return services.resource_create(actor=request.user, **data)
        return services.resource_update(actor=request.user, resource=resource, **data)

    return form_submit(
        request, form, save, template="incentives/resource_form.html", partial="resource-form",
        context=context, success_url=reverse("incentives:resource-list"),
        message=lambda saved: f"Saved “{saved.title}”.",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def resource_create(request):
    return _resource_form_page(request)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def resource_update(request, pk):
    resource = selectors.resource_get(user=request.user, pk=pk)
    return _resource_form_page(request, resource=resource)


@require_GET
@vendor_staff_required
def resource_download(request, pk):
    resource = selectors.resource_get(user=request.user, pk=pk)
    return resource_file_response(resource)


def resource_file_response(resource):
    """A resource's file as a download; 404 for a link or a file gone from storage."""
    if not resource.file:
        raise Http404("This resource is a link.")
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    return FileResponse(handle, as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1])


# --- internal: program tiers, their requirements and benefits ----------------------------------

TIER_PAGE = "incentives/tier_list.html"


def _bound_form(prefix, bound):
    """The invalid form just posted, if it is the card's form of that prefix."""
    return bound if bound is not None and bound.prefix == prefix else None


def _tier_form_page(request, *, tier, form, fragment, heading, **extra):
    """A tier card's form on request: into the card (htmx) or on its own page (no JavaScript)."""
    context = {"tier": tier, "form": form, "fragment": fragment, "heading": heading,
               "standalone": not request.htmx, **extra}  # fmt: skip
    return render_page_or_partial(request, "incentives/tier_form.html", "tier-form", context)


def _with_forms(tier, bound=None):
    """A tier card's forms, each with its own prefix so every field id on the page is unique."""
    requirement = getattr(tier, "requirement", None)
    tier.requirement_row = requirement
    # Only an invalid form just posted is rendered with the card; the others load when opened.
    tier.requirement_form = _bound_form(f"tier-{tier.pk}", bound)
    tier.benefit_form = _bound_form(f"tier-{tier.pk}-benefit", bound)
    tier.benefit_rows = list(tier.benefits.all())
    for benefit in tier.benefit_rows:
        benefit.form = _bound_form(f"benefit-{benefit.pk}", bound)
    return tier


def _tier_saved(request, tier_pk, message):
    """htmx: the tier's card afresh, saying what was saved; plain POST: back to the page."""
    if request.htmx:
        tier = _with_forms(selectors.tier_get(user=request.user, pk=tier_pk))
        return render(request, f"{TIER_PAGE}#tier-card", {"tier": tier, "saved": message})
    messages.success(request, message)
    return redirect(f"{reverse('incentives:tier-list')}#tier-{tier_pk}")


def _tier_form_errors(request, tier_pk, form):
    """422: the card (htmx) or the whole page with the invalid form open at its fields."""
    if request.htmx:
        context = {"tier": _with_forms(selectors.tier_get(user=request.user, pk=tier_pk), form)}
    else:
        context = {"tiers": [_with_forms(tier, form) for tier in selectors.tier_list()]}
    return render_form_errors(request, TIER_PAGE, "tier-card", context)


def _requirement(name):
    def value(tier):
        requirement = getattr(tier, "requirement", None)
        return getattr(requirement, name, None)

    return value


TIER_COLUMNS = [
    exports.column("Tier", "name"),
    exports.column("Rank", "rank"),
    exports.column("Partners", "partner_count"),
    exports.column("Review every (days)", "review_cadence_days"),
    exports.column("Minimum annual revenue", _requirement("min_annual_revenue")),
    exports.column("Minimum certified people", _requirement("min_certified_people")),
    exports.column("Minimum audit score", _requirement("min_audit_score")),
    exports.column(
        "Benefits", lambda tier: "; ".join(benefit.value for benefit in tier.benefits.all())
    ),
    exports.column("Description", "description"),
]


@require_GET
@vendor_staff_required
def tier_list(request):
    if fmt := exports.requested_format(request):
        rows = exports.iterate(selectors.tier_list())
        return exports.export_response(fmt, name="program-tiers", columns=TIER_COLUMNS, rows=rows)
    tiers = [_with_forms(tier) for tier in selectors.tier_list()]
    return render(request, TIER_PAGE, {"tiers": tiers})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def tier_requirement_set(request, pk):
    tier = selectors.tier_get(user=request.user, pk=pk)
    if request.method == "GET":
        requirement = getattr(tier, "requirement", None)
        form = TierRequirementForm(
            prefix=f"tier-{tier.pk}", initial=TierRequirementForm.initial_for(requirement),
            versioned=requirement,
        )  # fmt: skip
        return _tier_form_page(
            request, tier=tier, form=form, fragment="incentives/_requirement_form.html",
            heading=f"Requirements of {tier.name}",
        )  # fmt: skip
    form = TierRequirementForm(
        request.POST, prefix=f"tier-{tier.pk}", versioned=getattr(tier, "requirement", None)
    )
    form_save(
        form, lambda data: services.tier_requirement_set(actor=request.user, tier=tier, **data)
    )
    if form.errors:
        return _tier_form_errors(request, tier.pk, form)
    return _tier_saved(request, tier.pk, f"Saved the requirements of {tier.name}.")


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def benefit_create(request, pk):
    tier = selectors.tier_get(user=request.user, pk=pk)
    if request.method == "GET":
        return _tier_form_page(
            request, tier=tier, form=BenefitForm(prefix=f"tier-{tier.pk}-benefit"),
            fragment="incentives/_benefit_add_form.html", heading=f"A new benefit of {tier.name}",
        )  # fmt: skip
    form = BenefitForm(request.POST, prefix=f"tier-{tier.pk}-benefit")
    benefit = form_save(
        form, lambda data: services.benefit_create(actor=request.user, tier=tier, **data)
    )
    if form.errors:
        return _tier_form_errors(request, tier.pk, form)
    return _tier_saved(request, tier.pk, f"Added “{benefit.get_kind_display()}” to {tier.name}.")


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def benefit_update(request, pk):
    benefit = selectors.benefit_get(user=request.user, pk=pk)
    tier = benefit.tier
    if request.method == "GET":
        form = BenefitForm(
            prefix=f"benefit-{benefit.pk}", initial=BenefitForm.initial_for(benefit),
            versioned=benefit,
        )  # fmt: skip
        return _tier_form_page(
            request, tier=tier, form=form, fragment="incentives/_benefit_edit.html",
            heading=f"{benefit.get_kind_display()} of {tier.name}", benefit=benefit,
        )  # fmt: skip
    form = BenefitForm(request.POST, prefix=f"benefit-{benefit.pk}", versioned=benefit)
    form_save(
        form, lambda data: services.benefit_update(actor=request.user, benefit=benefit, **data)
    )
    if form.errors:
        return _tier_form_errors(request, tier.pk, form)
    return _tier_saved(request, tier.pk, f"Saved “{benefit.get_kind_display()}” of {tier.name}.")


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def benefit_delete(request, pk):
    benefit = selectors.benefit_get(user=request.user, pk=pk)
    services.benefit_delete(actor=request.user, benefit=benefit)
    message = f"Removed “{benefit.get_kind_display()}” from {benefit.tier.name}."
    return _tier_saved(request, benefit.tier_id, message)
