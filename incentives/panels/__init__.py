"""What the partner program registers with `prm`: its demo seeder, its menu entries, and the
tabs, dashboard and portal panels of each area (one module per area)."""

from django.utils.translation import gettext_lazy as _

from prm import demo, menus

from . import claims, enablement, inbox, program


def register() -> None:
    demo.register_seeder("incentives", "incentives.demo.seed", after=("partners",))
    menus.register_menu_item(
        "main", key="program", label=_("Program"), order=70, url_name="incentives:tier-list",
        # The ROI comparison is measured in performance but belongs to the program's pages.
        active=("incentives:*", "performance:incentive-roi"),
    )  # fmt: skip
    for key, label, order, url_name, active in (
        ("tier", _("Tier"), 50, "tier", "tier"),
        ("resources", _("Resources"), 60, "resource-list", "resource-list"),
        ("certifications", _("Certifications"), 70, "certification-list", "certification*"),
        ("incentives", _("Incentives"), 80, "claim-list", "claim*"),
        ("funds", _("Funds"), 85, "fund-request-list", "fund-request*"),
        ("rules", _("Rules"), 90, "rules", "rules*"),
    ):
        menus.register_menu_item(
            "portal", key=key, label=label, order=order,
            url_name=f"incentives-portal:{url_name}", active=(f"incentives-portal:{active}",),
        )  # fmt: skip
    program.register()
    enablement.register()
    claims.register()
    inbox.register()
    from .. import notifications

    notifications.register()
    from . import search

    search.register()
