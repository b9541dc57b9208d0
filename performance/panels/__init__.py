"""What performance registers with `prm`: its demo seeder, menu entries, and the tabs and panels
of each area (one module per area, each with its `register`)."""

from django.utils.translation import gettext_lazy as _

from prm import demo, menus


def register() -> None:
    demo.register_seeder(
        "performance", "performance.demo.seed", after=("relationships", "incentives")
    )
    menus.register_menu_item(
        "main", key="deals", label=_("Deals"), order=40, url_name="performance:deal-list",
        active=("performance:deal*",),
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="targets", label=_("Targets"), order=50,
        url_name="performance:target-portfolio",
        active=("performance:target*", "performance:actual*"),
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="audits", label=_("Audits"), order=60, url_name="performance:audit-portfolio",
        active=("performance:audit*",),
    )  # fmt: skip
    menus.register_menu_item(
        "main", key="scores", label=_("Scores"), order=65, url_name="performance:score-list",
        active=("performance:score*",),
    )  # fmt: skip
    for key, label, order, url_name, active in (
        ("deals", _("Deals"), 10, "deal-list", "deal*"),
        ("audits", _("Audits"), 20, "audit-list", "audit-list"),
        ("targets", _("Targets"), 30, "target-list", "target*"),
        ("plans", _("Plans"), 40, "plan-list", "plan-list"),
        ("scores", _("Scores"), 50, "score-list", "score*"),
    ):
        menus.register_menu_item(
            "portal", key=key, label=label, order=order,
            url_name=f"performance-portal:{url_name}", active=(f"performance-portal:{active}",),
        )  # fmt: skip
    from .. import notifications
    from . import (
        alerts,
        audits,
        columns,
        deals,
        inbox,
        perception,
        plans,
        program,
        scoring,
        targets,
    )

    notifications.register()

    deals.register()
    audits.register()
    plans.register()
    targets.register()
    program.register()
    scoring.register()
    columns.register()
    alerts.register()
    inbox.register()
    perception.register()
    from . import search

    search.register()
