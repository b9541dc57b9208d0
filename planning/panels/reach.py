"""What the reach calculator registers: the main menu's "Planning" entry (the home of every
planning page) and its demo seeder."""

from prm import demo, menus


def register() -> None:
    menus.register_menu_item(
        "main", key="planning", label="Planning", order=68, url_name="planning:reach",
        active=("planning:*",),
    )  # fmt: skip
    demo.register_seeder(
        "planning-reach", "planning.demo.reach.seed", after=("performance", "incentives")
    )
