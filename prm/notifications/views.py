"""The notification pages, for vendor staff and partner users alike: each sees only their own.

The top bar's bell is a link to the list that htmx fills with the unread count after the page
has loaded, so no page pays a query for it and the link works without JavaScript.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh, trigger_client_event

from prm.lib.forms import form_submit
from prm.lib.htmx import render_page_or_partial
from prm.models import User

from . import selectors, services
from .forms import NotificationFilterForm, PreferencesForm, UnsubscribeForm
from .kinds import Channel, get_kind
from .tokens import read_unsubscribe_token

TEMPLATE = "notifications/notification_list.html"
PAGE_SIZE = 25
DIGEST = "digest"


def _list_context(request) -> dict:
    form = NotificationFilterForm(request.GET, user=request.user)
    kind, state = form.choice("kind"), form.choice("state")
    queryset = selectors.notifications_of(user=request.user, kind=kind, state=state)
    page = Paginator(queryset, PAGE_SIZE).get_page(form.choice("page", 1))
    query = QueryDict(mutable=True)
    for name, value in (("kind", kind), ("state", state)):
        if value:
            query[name] = value
    return {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(kind or state),
        "here": request.get_full_path(),
        "unread": selectors.unread_count(user=request.user),
    }


@require_GET
@vary_on_headers("HX-Request")
def notification_list(request):
    return render_page_or_partial(request, TEMPLATE, "notification-rows", _list_context(request))


@require_GET
def notification_bell(request):
    count = selectors.unread_count(user=request.user)
    return render(request, "components/topbar_bell.html#bell", {"unread": count})


@require_GET
def notification_open(request, pk):
    """Follow a notification: it is read once opened."""
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect(_safe(request, notification.url, fallback=reverse("home")))


def _safe(request, url: str, *, fallback: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else fallback


@require_POST
def notification_read(request, pk):
    notification = selectors.notification_get(user=request.user, pk=pk)
    services.notification_mark_read(user=request.user, notification=notification)
    if request.htmx:
        context = {"notification": notification, "here": request.POST.get("next", "")}
        response = render(request, f"{TEMPLATE}#notification-row", context)
        # The bell listens for this and fetches its count again.
        return trigger_client_event(response, "notifications-changed")
    fallback = reverse("notifications:notification-list")
    return redirect(_safe(request, request.POST.get("next", ""), fallback=fallback))


@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
    if request.htmx:
        return HttpResponseClientRefresh()
    fallback = reverse("notifications:notification-list")
    return redirect(_safe(request, request.POST.get("next", ""), fallback=fallback))


@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    preferences = selectors.preferences_of(user=request.user)
    template = "notifications/preferences.html"
    initial = {"time_zone": request.user.time_zone}
    if request.method == "GET":
        form = PreferencesForm(initial=initial, preferences=preferences)
        return render(request, template, {"form": form})
    form = PreferencesForm(request.POST, initial=initial, preferences=preferences)
    return form_submit(
        request, form,
        lambda data: services.preferences_set(user=request.user, **data) or True,
        template=template, partial="preferences-form", context={"form": form},
        success_url=reverse("notifications:notification-preferences"),
        message="Your notification preferences are saved.",
    )  # fmt: skip


@login_not_required
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token):
    """From an email, without signing in: change how one kind (or the digest) reaches you."""
    user_id, kind = read_unsubscribe_token(token) or (None, "")
    user = get_object_or_404(User, pk=user_id, is_active=True) if user_id else None
    if user is None:
        raise Http404("This link is not valid.")
    if kind == DIGEST:
        return _unsubscribe_digest(request, user)
    try:
        kind_ = get_kind(kind)
    except ValueError:
        raise Http404("This link is not valid.") from None
    current = selectors.channel_of(user=user, kind=kind)
    form = UnsubscribeForm(request.POST or None, initial={"channel": Channel.IN_APP})
    done = False
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=user, kind=kind, channel=form.cleaned_data["delivery"])
        current, done = form.cleaned_data["delivery"], True
    context = {"form": form, "kind": kind_, "current": Channel(current), "done": done}
    return render(request, "notifications/unsubscribe.html", context)


def _unsubscribe_digest(request, user):
    done = request.method == "POST"
    if done:
        services.digest_unsubscribe(user=user)
    return render(request, "notifications/unsubscribe.html", {"digest": True, "done": done})
