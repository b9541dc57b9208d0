from django.urls import path

from . import portal
from .views import team

app_name = "portal"

urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("profile/", portal.portal_profile_edit, name="profile-edit"),
    path("people/", portal.portal_people, name="people"),
    path(
        "people/corrections/<slug:kind>/",
        portal.portal_correction_propose,
        name="correction-propose",
    ),
    path("announcements/", portal.portal_announcements, name="announcement-list"),
    # the partner admin's team: portal users and invitations
    path("team/", team.portal_team, name="team"),
    path("team/invite/", team.portal_team_invite, name="team-invite"),
    path("team/members/<int:pk>/role/", team.portal_member_role, name="team-member-role"),
    path(
        "team/members/<int:pk>/deactivate/",
        team.portal_member_deactivate,
        name="team-member-deactivate",
    ),
    path(
        "team/members/<int:pk>/reactivate/",
        team.portal_member_reactivate,
        name="team-member-reactivate",
    ),
    path(
        "team/invitations/<int:pk>/resend/",
        team.portal_invitation_resend,
        name="team-invitation-resend",
    ),
    path(
        "team/invitations/<int:pk>/revoke/",
        team.portal_invitation_revoke,
        name="team-invitation-revoke",
    ),
]
