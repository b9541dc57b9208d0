"""Program panels that show a measurement: the partner page's "Program" tab (tier progress)."""

from prm import panels


def register() -> None:
    panels.register_tab(
        "partner",
        key="program",
        label="Program",
        order=65,
        template="incentives/partner_tab_program.html",
        context="performance.selectors.program.partner_program_tab_context",
    )
