"""Performance audit panels: the partner page's "Audits" tab."""

from prm import panels


def _audits_tab(request, partner):
    # Imported when first used, so the app registry is ready and areas stay independent.
    from .selectors.audits import audits_tab_context

    return audits_tab_context(request, partner)


def register() -> None:
    panels.register_tab(
        "partner",
        key="audits",
        label="Audits",
        order=55,
        template="performance/partner_tab_audits.html",
        context=_audits_tab,
    )
