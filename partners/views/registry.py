"""Internal partner pages: list, create, edit and the partner page with its tabs."""

from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from prm import columns, panels
from prm.lib import exports
from prm.lib.access import vendor_staff_required
from prm.lib.countries import country_name
from prm.lib.forms import form_submit
from prm.lib.htmx import render_page_or_partial
from prm.lib.urls import url_pattern

from .. import selectors, services
from ..forms.registry import PartnerFilterForm, PartnerForm

# The partner list's export: the columns its rows show, as plain values.
EXPORT_COLUMNS = [
    exports.column("Name", "name"),
    exports.column("Country", lambda partner: country_name(partner.country)),
    exports.column("Type", "get_partner_type_display"),
    exports.column("Status", "get_status_display"),
    exports.column("Tier", "tier.name"),
    exports.column("Territories", "territories"),
    exports.column("Owner", lambda partner: _person(partner.owner)),
    exports.column("Annual revenue", "annual_revenue"),
    exports.column("Joined on", "joined_on"),
]


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _canonical_query(form: PartnerFilterForm) -> str:
    """The list's query string without empty or invalid values, so shared URLs stay short."""
    query = QueryDict(mutable=True)
    for key, value in form.data.items():
        if value not in ("", None) and key in form.fields and key not in form.errors:
            query[key] = value
    return query.urlencode()


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def partner_list(request):
    form = PartnerFilterForm(request.GET)
    if not form.is_valid():
        # A bad filter in the URL narrows nothing; the form shows what was wrong.
        cleaned = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
        form.cleaned_data = cleaned
    sort = form.cleaned_data.get("sort") or "name"
    if fmt := exports.requested_format(request):
        rows = exports.iterate(_partners(form, sort).prefetch_related("territories"))
        return exports.export_response(fmt, name="partners", columns=EXPORT_COLUMNS, rows=rows)
    per_page = form.cleaned_data.get("per_page") or 25
    paginator = Paginator(_partners(form, sort), per_page)
    page = paginator.get_page(form.cleaned_data.get("page") or 1)
    rows = list(page.object_list)  # the page's queryset keeps these: the template reads them
    territories = selectors.territory_names_by_partner(partner_ids=[p.pk for p in rows])
    for partner in rows:
        partner.territory_names = territories.get(partner.pk, [])
    columns.attach_cells(rows, "partner_list")
    query = _canonical_query(form)
    context = {
        "form": form,
        "page": page,
        "sort": sort,
        "query": query,
        "query_without_page": _without(query, "page"),
        "query_without_sort": _without(query, "sort", "page"),
        "options": selectors.filter_options(),
        "partner_url": url_pattern("partners:partner-detail", "slug"),
        "columns": columns.shown_columns("partner_list"),
        "column_stylesheets": columns.stylesheets("partner_list"),
    }
    response = render_page_or_partial(
        request, "partners/partner_list.html", "partner-rows", context
    )
    if request.htmx:
        return push_url(response, f"{request.path}?{query}" if query else request.path)
    return response


def _partners(form: PartnerFilterForm, sort: str):
    """The list's partners: its own filters and sorts, then the registered columns' (in SQL, so
    they hold across pages)."""
    own_sort = sort if sort.lstrip("-") in selectors.PARTNER_SORTS else "name"
    queryset = selectors.partner_list(filters=form.filters(), sort=own_sort)
    queryset = columns.narrow(queryset, "partner_list", form.column_values())
    return columns.order(queryset, "partner_list", sort)


def _without(query: str, *keys: str) -> str:
    data = QueryDict(query, mutable=True)
    for key in keys:
        data.pop(key, None)
    return data.urlencode()


FORM = "partners/partner_form.html"
INTRO = "Fields marked * are required. Internal notes and the owner are never shown to the partner."


def _form_page(request, form, partner, service):
    """The partner form (partners/partner_form.html is the portal's profile form too)."""
    context = {
        "layout": "base.html",
        "partner": partner,
        "heading": f"Edit {partner.name}" if partner else "Add partner",
        "intro": INTRO,
        "form_id": "partner-form",
        "action": request.path,
        "submit_label": "Save changes" if partner else "Create partner",
        "cancel_url": partner.get_absolute_url() if partner else reverse("partners:partner-list"),
    }
    if request.method == "POST":
        done = "saved" if partner else "added"
        return form_submit(
            request, form, service, template=FORM, partial="partner-form", context=context,
            message=lambda saved: f"Partner {saved.name} {done}.",
        )  # fmt: skip
    return render(request, FORM, {**context, "form": form})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def partner_create(request):
    if request.method == "POST":
        form = PartnerForm(request.POST)
    else:
        form = PartnerForm(initial={"owner": request.user.pk})
    return _form_page(
        request, form, None, lambda data: services.partner_create(actor=request.user, **data)
    )


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def partner_edit(request, slug):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    form = PartnerForm(request.POST if request.method == "POST" else None, instance=partner)
    return _form_page(
        request,
        form,
        partner,
        lambda data: services.partner_update(partner=partner, actor=request.user, **data),
    )


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def partner_detail(request, slug, tab="overview"):
    partner = selectors.partner_get_for_user(user=request.user, slug=slug)
    current = panels.tab_for("partner", tab)
    if current is None:
        raise Http404("No such tab.")
    context = {
        "partner": partner,
        "tabs": panels.panels_for("partner"),
        "current_tab": current,
        "tab_context": current.context(request, partner),
    }
    return render_page_or_partial(request, "partners/partner_detail.html", "tab-panel", context)
