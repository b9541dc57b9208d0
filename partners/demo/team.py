"""Demo portal teams: the partners with portal logins (portal-a's and portal-b's) and the next
active partners by name each get a partner admin, a member and a viewer, a pending invitation
and an expired one; one exited partner keeps logins that can no longer sign in.

Users go in with one password hash computed once (hashing per user would take seconds each
at the real cost). Running it again adds nothing.
"""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from prm.demo import ensure_user

from ..models import Invitation, Partner, PartnerMembership
from ..selectors import token_hash

# How many active partners (besides portal-a's and portal-b's) get a demo team.
TEAM_PARTNERS = 12
ROLE = PartnerMembership.Role
PEOPLE = [
    # role, first name, last name
    (ROLE.PARTNER_ADMIN, "Mara", "Lindqvist"),
    (ROLE.MEMBER, "Tom", "Becker"),
    (ROLE.VIEWER, "Ines", "Duarte"),
]


def _team_partners() -> list[Partner]:
    with_logins = set(PartnerMembership.objects.values_list("partner_id", flat=True))
    active = Partner.objects.filter(status=Partner.Status.ACTIVE).order_by("name")
    chosen = [p for p in active[: TEAM_PARTNERS + len(with_logins)] if p.pk not in with_logins]
    return list(Partner.objects.filter(pk__in=with_logins)) + chosen[:TEAM_PARTNERS]


def _domain(partner: Partner) -> str:
    return f"{slugify(partner.slug)[:40]}.example"


def _users(partners, password_hash, last_login) -> list:
    """The missing admin/member/viewer of each partner, bulk-inserted."""
    User = get_user_model()
    have = {
        (partner_id, role)
        for partner_id, role in PartnerMembership.objects.filter(partner__in=partners).values_list(
            "partner_id", "role"
        )
    }
    new_users, links = [], []
    for index, partner in enumerate(partners):
        for role, first, last in PEOPLE:
            if (partner.pk, role) in have:
                continue
            username = f"{partner.slug[:100]}-{role.replace('_', '-')}"
            new_users.append(
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{first.lower()}.{last.lower()}@{_domain(partner)}",
                    role="partner_user",
                    password=password_hash,
                    last_login=last_login - datetime.timedelta(days=index % 9, hours=index % 7)
                    if role != ROLE.VIEWER
                    else None,
                )  # fmt: skip
            )
            links.append((partner, role))
    User.objects.bulk_create(new_users, ignore_conflicts=True)
    ids = dict(
        User.objects.filter(username__in=[u.username for u in new_users]).values_list(
            "username", "pk"
        )
    )
    PartnerMembership.objects.bulk_create(
        [
            PartnerMembership(user_id=ids[user.username], partner=partner, role=role)
            for user, (partner, role) in zip(new_users, links, strict=True)
        ],
        ignore_conflicts=True,
    )
    return new_users


def _invitations(partners, now) -> int:
    already = set(
        Invitation.objects.filter(partner__in=partners).values_list("partner_id", flat=True)
    )
    admins = dict(
        PartnerMembership.objects.filter(partner__in=partners, role=ROLE.PARTNER_ADMIN)
        .order_by("-pk")
        .values_list("partner_id", "user_id")
    )
    rows = []
    for partner in partners:
        if partner.pk in already:
            continue
        for name, role, sent_days_ago in (("new.colleague", ROLE.MEMBER, 2),
                                          ("former.invitee", ROLE.VIEWER, 12)):  # fmt: skip
            sent = now - datetime.timedelta(days=sent_days_ago)
            rows.append(Invitation(
                partner=partner, email=f"{name}@{_domain(partner)}", role=role,
                invited_by_id=admins.get(partner.pk), sent_at=sent,
                token_hash=token_hash(secrets.token_urlsafe()),
                expires_at=sent + datetime.timedelta(days=7),
            ))  # fmt: skip
    Invitation.objects.bulk_create(rows)
    return len(rows)


def _exited_partner_login(state) -> None:
    """portal-exited: a partner admin of an exited partner; their sign-in is refused."""
    partner = Partner.objects.filter(status=Partner.Status.EXITED).order_by("name").first()
    if partner is None:
        return
    user = ensure_user(
        "portal-exited", password=state.password, first_name="Erik", last_name="Lund",
        role="partner_user",
    )  # fmt: skip
    PartnerMembership.objects.get_or_create(
        user=user, defaults={"partner": partner, "role": ROLE.PARTNER_ADMIN}
    )
    state.users["portal-exited"] = user


def _viewer_login(state) -> None:
    """portal-a-viewer: a read-only colleague of portal-a."""
    admin = state.users.get("portal-a")
    if admin is None:
        return
    user = ensure_user(
        "portal-a-viewer", password=state.password, first_name="Lea", last_name="Vogel",
        role="partner_user",
    )  # fmt: skip
    PartnerMembership.objects.get_or_create(
        user=user, defaults={"partner": admin.partner_membership.partner, "role": ROLE.VIEWER}
    )
    state.users["portal-a-viewer"] = user


def _former_colleague(state) -> None:
    """A colleague of portal-a who left the company: deactivated, on the team page to
    reactivate should they come back."""
    admin = state.users.get("portal-a")
    if admin is None:
        return
    user = ensure_user(
        "portal-a-former", password=state.password, first_name="Jonas", last_name="Alt",
        role="partner_user",
    )  # fmt: skip
    PartnerMembership.objects.get_or_create(
        user=user, defaults={"partner": admin.partner_membership.partner, "role": ROLE.MEMBER}
    )
    type(user).objects.filter(pk=user.pk).update(is_active=False)


def seed_teams(state) -> None:
    _viewer_login(state)
    _former_colleague(state)
    _exited_partner_login(state)
    partners = _team_partners()
    now = timezone.now()
    users = _users(partners, make_password(state.password), now)
    state.report("portal team users", len(users))
    state.report("portal invitations", _invitations(partners, now))
