from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrmConfig(AppConfig):
    name = "prm"
    verbose_name = "PRM core"

    def ready(self):
        from auditlog.registry import auditlog

        from . import checks, menus, signals  # noqa: F401 (checks and signals register themselves)
        from .models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])

        from . import demo

        demo.register_seeder("prm", "prm.demo.seed")

        from .inbox import panels as inbox_panels

        inbox_panels.register()

        menus.register_menu_item(
            "main",
            key="dashboard",
            label=_("Dashboard"),
            order=0,
            url_name="home",
            active=("home",),
        )
        menus.register_menu_item("main", key="api", label=_("API"), order=900, url_name="api-docs")
        menus.register_menu_item(
            "main", key="admin", label=_("Admin"), order=1000, url_name="admin:index",
            visible=lambda context: context["request"].user.is_staff,
        )  # fmt: skip
