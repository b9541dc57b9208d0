"""The work inbox's pages: the list (/inbox/), the top bar's count and the panel of the
dashboard and the portal home, each loaded by htmx so other pages run no query for them."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from prm.lib.htmx import render_page_or_partial

from . import audience_of, gather, sources_for
from .forms import InboxFilterForm
from .pages import read_page
from .present import present

TEMPLATE = "inbox/inbox_page.html"
PAGE_SIZE = 25
PANEL_SIZE = 5
MAX_PAGE = 200


def _audience(request) -> str:
    audience = audience_of(request.user)
    if audience is None:
        raise PermissionDenied("The inbox is for the channel team and partner users.")
    return audience


def _labels(audience) -> dict[str, str]:
    return {source.key: source.label for source in sources_for(audience)}


def _page_context(request, audience) -> dict:
    form = InboxFilterForm(request.GET, audience=audience)
    kind = form.choice("kind")
    scope = form.choice("scope", "mine") if audience == "staff" else "mine"
    # Each source reads the items of every page up to the one asked: deeper pages are cut.
    asked = min(form.choice("page", 1), MAX_PAGE)
    inbox_page = read_page(user=request.user, audience=audience, scope=scope, kind=kind,
                           number=asked, size=PAGE_SIZE, today=timezone.localdate())  # fmt: skip
    gathered = inbox_page.gathered
    # The paginator only numbers the pages: the rows are the page's already.
    page = Paginator(range(inbox_page.total), PAGE_SIZE).page(inbox_page.number)
    page.object_list = inbox_page.rows
    query = QueryDict(mutable=True)
    if kind:
        query["kind"] = kind
    if scope != "mine":
        query["scope"] = scope
    kinds = [{"key": source.key, "label": source.label, "count": gathered.counts[source.key],
              "current": source.key == kind} for source in gathered.sources]  # fmt: skip
    return {
        "form": form, "page": page, "kind": kind, "scope": scope, "kinds": kinds,
        "everything": gathered.total, "query": query.urlencode(), "audience": audience,
    }  # fmt: skip


def _portal_partner(request):
    """The portal layout names the user's partner (one query)."""
    membership = getattr(request.user, "partner_membership", None)
    return membership.partner if membership else None


@require_GET
@vary_on_headers("HX-Request")
def inbox_page(request):
    """Staff: what waits for me or my team. A partner user: what waits for their company (the
    portal home shows it as a panel; this is its page, which works without JavaScript)."""
    audience = _audience(request)
    context = _page_context(request, audience)
    if audience == "portal" and not request.htmx:
        context["partner"] = _portal_partner(request)
    context["layout"] = "portal/base.html" if audience == "portal" else "base.html"
    return render_page_or_partial(request, TEMPLATE, "inbox-region", context)


@require_GET
@never_cache
def inbox_count(request):
    """The top bar's link with how many items wait for the user (loaded after the page)."""
    audience = _audience(request)
    total = gather(user=request.user, audience=audience).total
    return render(request, "inbox/topbar_count.html", {"total": total, "audience": audience})


@require_GET
@never_cache
def inbox_panel(request):
    """The first items waiting for the user: the dashboard's "Waiting for me" and the portal
    home's "Waiting for you" panels (loaded after the page)."""
    audience = _audience(request)
    today = timezone.localdate()
    gathered = gather(user=request.user, audience=audience, limit=PANEL_SIZE, today=today)
    rows = present(gathered.items, labels=_labels(audience), today=today)
    # How many wait of each kind, each a link to that part of the inbox (counted already).
    kinds = [{"key": source.key, "label": source.label, "count": gathered.counts[source.key]}
             for source in gathered.sources if gathered.counts[source.key]]  # fmt: skip
    return render(request, "inbox/panel_body.html",
                  {"rows": rows, "total": gathered.total, "audience": audience,
                   "kinds": kinds})  # fmt: skip
