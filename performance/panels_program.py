"""Program panels that show a measurement: the partner page's "Program" tab (tier progress)."""

from importlib import import_module

from prm import panels


def _lazy(dotted: str):
    module_name, function_name = dotted.rsplit(".", 1)

    def context(*args):
        return getattr(import_module(module_name), function_name)(*args)

    return context


def register() -> None:
    panels.register_tab(
        "partner",
        key="program",
        label="Program",
        order=65,
        template="incentives/partner_tab_program.html",
        context=_lazy("performance.selectors.program.partner_program_tab_context"),
    )
