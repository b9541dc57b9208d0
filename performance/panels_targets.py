"""Targets panels: the partner page's "Targets" tab."""

from prm import panels


def _targets_tab(request, partner):
    from .selectors.targets import targets_tab_context

    return targets_tab_context(request, partner)


def register() -> None:
    panels.register_tab(
        "partner",
        key="targets",
        label="Targets",
        order=50,
        template="performance/target_partner_tab.html",
        context=_targets_tab,
    )
