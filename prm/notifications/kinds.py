"""The registry of notification kinds: each app declares the events it emits.

The core stores and delivers notifications but knows no domain: an app registers its kinds in
`AppConfig.ready()` (through its `panels` module) and then calls `prm.notifications.notify`:

    kinds.register_kind("deal_registered", label="Deal registered", group="Deals",
                        default=Channel.EMAIL, digest_section=Section.WAITING)

`default` is the channel a user gets until they choose one on their preferences page;
`digest_section` is where the daily digest lists the kind; `audience` says whose preferences
page offers it (vendor staff, partner users, or both).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How a user wants one kind of notification. Every channel but `off` keeps it in the app."""

    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("By email")
    DIGEST = "digest", _("In the daily digest")
    OFF = "off", _("Off")


class Section(models.TextChoices):
    ALERTS = "alerts", _("New alerts")
    WAITING = "waiting", _("Waiting for you")
    CHANGES = "changes", _("What changed on your partners")


class Audience(models.TextChoices):
    STAFF = "staff", _("Vendor staff")
    PARTNER = "partner", _("Partner users")
    BOTH = "both", _("Everyone")


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    group: str
    default: str
    digest_section: str
    audience: str

    def offered_to(self, user) -> bool:
        if self.audience == Audience.BOTH:
            return True
        wanted = Audience.PARTNER if user.is_partner_user else Audience.STAFF
        return self.audience == wanted


_kinds: dict[str, Kind] = {}

KEY_MAX_LENGTH = 50


def register_kind(
    key: str,
    *,
    label: str,
    group: str,
    default: str = Channel.IN_APP,
    digest_section: str = Section.CHANGES,
    audience: str = Audience.BOTH,
) -> Kind:
    # Registering a key again replaces it, so a re-run `ready()` does not duplicate kinds.
    if len(key) > KEY_MAX_LENGTH or not key.replace("_", "").isalnum():
        raise ValueError(f"Notification kind {key!r}: letters, digits and _ only, ≤ 50 long.")
    kind = Kind(
        key,
        label,
        group,
        Channel(default).value,
        Section(digest_section).value,
        Audience(audience).value,
    )
    _kinds[key] = kind
    return kind


def register_kinds(rows) -> None:
    """`register_kind` for each row of (key, label, group, default, digest section, audience):
    how an app declares its kinds in one table."""
    for key, label, group, default, section, audience in rows:
        register_kind(
            key, label=label, group=group, default=default, digest_section=section,
            audience=audience,
        )  # fmt: skip


def get_kind(key: str) -> Kind:
    """The registered kind; an unknown key is a programming error, never a silent drop."""
    try:
        return _kinds[key]
    except KeyError:
        raise ValueError(f"Unknown notification kind {key!r}.") from None


def all_kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.group, kind.label))


def kinds_for(user) -> list[Kind]:
    return [kind for kind in all_kinds() if kind.offered_to(user)]


def kind_choices(user=None) -> list[tuple[str, str]]:
    kinds = all_kinds() if user is None else kinds_for(user)
    return [(kind.key, kind.label) for kind in kinds]


def kind_label(key: str) -> str:
    kind = _kinds.get(key)
    return kind.label if kind else key.replace("_", " ").capitalize()
