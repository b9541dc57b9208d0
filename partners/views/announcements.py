"""The channel team's announcements to partners: list, write (with how many partners the
audience reaches), delete."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.htmx import redirect_after_post, render_page_or_partial

from .. import selectors, services
from ..forms.announcements import AnnouncementForm
from ..models import AnnouncementAudience

PER_PAGE = 50
FORM = "partners/announcement_form.html"


@require_GET
@vendor_staff_required
@vary_on_headers("HX-Request")
def announcement_list(request):
    page = Paginator(selectors.announcement_list(), PER_PAGE).get_page(request.GET.get("page") or 1)
    return render_page_or_partial(
        request, "partners/announcement_list.html", "announcement-rows", {"page": page}
    )


def _reach(form) -> int:
    """How many partners the form's audience reaches (as typed, valid or not)."""
    data = form.data
    audience = data.get("audience") or AnnouncementAudience.ALL
    ids = {name: [v for v in data.getlist(name) if v.isdigit()]
           for name in ("tiers", "territories", "segments")}  # fmt: skip
    return selectors.partners_reached(audience=audience, **ids).count()


def _form_page(request, announcement=None):
    form = AnnouncementForm(
        request.POST if request.method == "POST" else None, instance=announcement
    )
    action = (reverse("partners:announcement-edit", args=[announcement.pk]) if announcement
              else reverse("partners:announcement-create"))  # fmt: skip
    context = {"form": form, "announcement": announcement, "action": action}

    def save(data):
        if announcement is None:
            return services.announcement_create(actor=request.user, **data)
        return services.announcement_update(actor=request.user, announcement=announcement, **data)

    if request.method == "POST":
        return form_submit(
            request, form, save, template=FORM, partial="announcement-form", context=context,
            success_url=reverse("partners:announcement-list"),
            message=_("The announcement was saved."),
        )  # fmt: skip
    return render(request, FORM, context)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def announcement_create(request):
    return _form_page(request)


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def announcement_edit(request, pk):
    announcement = selectors.announcement_get(user=request.user, pk=pk)
    return _form_page(request, announcement)


@require_GET
@vendor_staff_required
def announcement_reach(request):
    """The form's preview: how many partners the audience chosen reaches."""
    form = AnnouncementForm(request.GET)
    return render(request, "partners/announcement_form.html#announcement-reach",
                  {"reach": _reach(form)})  # fmt: skip


@require_POST
@vendor_staff_required
def announcement_delete(request, pk):
    announcement = selectors.announcement_get(user=request.user, pk=pk)
    services.announcement_delete(actor=request.user, announcement=announcement)
    messages.success(request, _("The announcement was deleted."))
    return redirect_after_post(request, reverse("partners:announcement-list"))
