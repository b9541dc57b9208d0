"""What channel planning registers with the core: menu entries, the partner page's tabs and
panels, inbox sources, notification kinds and the demo seeder, one module per area."""


def register() -> None:
    """Called once from PlanningConfig.ready."""
    # --- escalations ---
    from . import escalations

    escalations.register()
