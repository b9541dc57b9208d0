"""Internal pages: stakeholder analysis, champion, individual relationship plans."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from prm.lib.access import vendor_staff_required
from prm.lib.forms import form_submit
from prm.lib.history import CHANGES_SHOWN, object_history_entries
from prm.lib.htmx import redirect_after_post

from .. import services
from ..forms.stakeholders import ChampionForm, PlanForm, StakeholderForm, plan_initial
from ..selectors import access
from ..selectors import stakeholders as selectors

STAKEHOLDER_FORM = "relationships/stakeholder_form.html"
PLAN_FORM = "relationships/plan_form.html"
CHAMPION_PAGE = "relationships/champion_candidates.html"


# --- Stakeholder analysis -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def stakeholder_create(request, contact_pk):
    contact = access.contact_for_analysis_get(user=request.user, pk=contact_pk)
    existing = getattr(contact, "stakeholder", None)  # select_related: no query
    if existing is not None:
        return redirect("relationships:stakeholder-edit", pk=existing.pk)
    context = {"contact": contact, "partner": contact.partner, "stakeholder": None}
    if request.method == "POST":
        form = StakeholderForm(request.POST)
        return form_submit(
            request,
            form,
            lambda data: services.stakeholder_create(actor=request.user, contact=contact, **data),
            template=STAKEHOLDER_FORM,
            partial="stakeholder-form",
            context=context,
            message=lambda saved: f"Analysis of {saved} saved: {saved.get_stance_display()}.",
        )
    form = StakeholderForm(initial={"owners": [request.user.pk]})
    return render(request, STAKEHOLDER_FORM, {**context, "form": form})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def stakeholder_edit(request, pk):
    stakeholder = access.stakeholder_get(user=request.user, pk=pk)
    context = {
        "contact": stakeholder.contact,
        "partner": stakeholder.partner,
        "stakeholder": stakeholder,
    }
    if request.method == "POST":
        form = StakeholderForm(request.POST, instance=stakeholder)
        return form_submit(
            request,
            form,
            lambda data: services.stakeholder_update(
                actor=request.user, stakeholder=stakeholder, **data
            ),
            template=STAKEHOLDER_FORM,
            partial="stakeholder-form",
            context=context,
            message=lambda saved: f"Analysis of {saved} updated.",
        )
    return render(
        request, STAKEHOLDER_FORM, {**context, "form": StakeholderForm(instance=stakeholder)}
    )


@require_GET
@vendor_staff_required
def stakeholder_detail(request, pk):
    stakeholder = access.stakeholder_get(user=request.user, pk=pk)
    context = selectors.stakeholder_overview(stakeholder)
    context["champion_form"] = ChampionForm()
    context["changes"] = object_history_entries(stakeholder, limit=CHANGES_SHOWN)
    return render(request, "relationships/stakeholder_detail.html", context)


# --- Champion -------------------------------------------------------------------------------


@require_GET
@vendor_staff_required
def champion_candidates(request, slug):
    partner = access.partner_get(user=request.user, slug=slug)
    context = selectors.champion_overview(partner)
    return render(request, CHAMPION_PAGE, {**context, "champion_form": ChampionForm()})


@require_POST
@vendor_staff_required
@vary_on_headers("HX-Request")
def champion_designate(request, pk):
    stakeholder = access.stakeholder_get(user=request.user, pk=pk)
    form = ChampionForm(request.POST)
    page = selectors.champion_overview(stakeholder.partner)
    context = {**page, "candidate": stakeholder, "champion_form": ChampionForm()}
    return form_submit(
        request,
        form,
        lambda data: services.champion_designate(
            actor=request.user, stakeholder=stakeholder, reason=data["champion_reason"]
        ),
        template=CHAMPION_PAGE,
        partial="champion-form",
        context=context,
        success_url=_champion_page_url(stakeholder.partner),
        message=lambda saved: f"{saved} is now the champion at {saved.partner}.",
    )


def _champion_page_url(partner) -> str:
    return reverse("relationships:champion-candidates", kwargs={"slug": partner.slug})


@require_POST
@vendor_staff_required
def champion_clear(request, pk):
    stakeholder = access.stakeholder_get(user=request.user, pk=pk)
    services.champion_clear(actor=request.user, stakeholder=stakeholder)
    messages.success(request, f"{stakeholder} is no longer the champion.")
    return redirect_after_post(request, _champion_page_url(stakeholder.partner))


# --- Individual relationship plans ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_create(request, stakeholder_pk):
    stakeholder = access.stakeholder_get(user=request.user, pk=stakeholder_pk)
    existing = selectors.stakeholder_plan(stakeholder)
    if existing is not None:
        return redirect("relationships:plan-edit", pk=existing.pk)
    choices = selectors.related_stakeholder_choices(stakeholder)
    context = {"stakeholder": stakeholder, "partner": stakeholder.partner, "plan": None}
    if request.method == "POST":
        form = PlanForm(request.POST, related_choices=choices)
        return form_submit(
            request,
            form,
            lambda data: services.plan_create(actor=request.user, stakeholder=stakeholder, **data),
            template=PLAN_FORM,
            partial="plan-form",
            context=context,
            message=lambda saved: f"Relationship plan for {stakeholder} created.",
        )
    form = PlanForm(initial=plan_initial(stakeholder, request.user), related_choices=choices)
    return render(request, PLAN_FORM, {**context, "form": form})


@require_http_methods(["GET", "POST"])
@vendor_staff_required
@vary_on_headers("HX-Request")
def plan_edit(request, pk):
    plan = access.plan_get(user=request.user, pk=pk)
    stakeholder = plan.stakeholder
    choices = selectors.related_stakeholder_choices(stakeholder)
    context = {"stakeholder": stakeholder, "partner": stakeholder.partner, "plan": plan}
    if request.method == "POST":
        form = PlanForm(request.POST, instance=plan, related_choices=choices)
        return form_submit(
            request,
            form,
            lambda data: services.plan_update(actor=request.user, plan=plan, **data),
            template=PLAN_FORM,
            partial="plan-form",
            context=context,
            message=lambda saved: f"Relationship plan for {stakeholder} saved.",
        )
    form = PlanForm(instance=plan, related_choices=choices)
    return render(request, PLAN_FORM, {**context, "form": form})


@require_GET
@vendor_staff_required
def plan_detail(request, pk):
    plan = access.plan_get(user=request.user, pk=pk)
    context = selectors.plan_overview(plan)
    context["changes"] = object_history_entries(plan, limit=CHANGES_SHOWN)
    return render(request, "relationships/plan_detail.html", context)


@require_GET
@vendor_staff_required
def plan_print(request, pk):
    plan = access.plan_get(user=request.user, pk=pk)
    return render(request, "relationships/plan_print.html", selectors.plan_overview(plan))
