"""The search page (`/search/?q=`) and its two htmx fragments: the page's results, and the
top bar's dropdown (the request htmx sends from the top bar targets the dropdown)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .forms import SearchForm
from .registry import PORTAL, audience_of, kinds_for, run_search

TEMPLATE = "search/search_page.html"
DROPDOWN_TARGET = "topbar-search-results"
# Results per kind: a glance in the dropdown, a page's worth on the page, and more of one kind
# when the page lists that kind alone (its "More deals" link).
DROPDOWN_LIMIT, PAGE_LIMIT, KIND_LIMIT = 5, 10, 50


@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def search_page(request):
    audience = audience_of(request.user)
    if audience is None:
        raise PermissionDenied("Search is for the channel team and partner users.")
    kinds = kinds_for(request.user)
    form = SearchForm(request.GET, kinds=kinds)
    dropdown = bool(request.htmx) and request.htmx.target == DROPDOWN_TARGET
    kind = "" if dropdown else form.only_kind()
    terms = form.search_terms()
    limit = DROPDOWN_LIMIT if dropdown else (KIND_LIMIT if kind else PAGE_LIMIT)
    groups = run_search(request.user, terms, limit=limit, only=kind) if terms else []
    context = {
        "form": form,
        "query": terms.text if terms else "",
        "blank": not (request.GET.get("q") or "").strip(),
        "message": form.message(),
        "kind": kind,
        "kinds": kinds,
        "kind_label": next((k.label for k in kinds if k.key == kind), ""),
        "groups": groups,
        "found": any(group.results for group in groups),
        "portal": audience == PORTAL,
    }
    if dropdown:
        return render(request, f"{TEMPLATE}#dropdown", context)
    if request.htmx and not request.htmx.boosted:
        return render(request, f"{TEMPLATE}#search-results", context)
    return render(request, TEMPLATE, context)
