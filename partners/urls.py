from django.urls import path

from .views import announcements, corrections, registry, team

app_name = "partners"

# fmt: off
urlpatterns = [
    path("", registry.partner_list, name="partner-list"),
    path("new/", registry.partner_create, name="partner-create"),
    path("corrections/", corrections.correction_queue, name="correction-queue"),
    path("corrections/<int:pk>/accept/", corrections.correction_accept, name="correction-accept"),
    path("corrections/<int:pk>/reject/", corrections.correction_reject, name="correction-reject"),
    path("announcements/", announcements.announcement_list, name="announcement-list"),
    path("announcements/new/", announcements.announcement_create, name="announcement-create"),
    path("announcements/reach/", announcements.announcement_reach, name="announcement-reach"),
    path("announcements/<int:pk>/edit/", announcements.announcement_edit, name="announcement-edit"),
    path(
        "announcements/<int:pk>/delete/",
        announcements.announcement_delete,
        name="announcement-delete",
    ),
    path("<slug:slug>/", registry.partner_detail, name="partner-detail"),
    path("<slug:slug>/edit/", registry.partner_edit, name="partner-edit"),
    path("<slug:slug>/corrections/", corrections.partner_corrections, name="partner-corrections"),
    path("<slug:slug>/tab/<slug:tab>/", registry.partner_detail, name="partner-tab"),
    # the partner's portal users and invitations (the "Portal users" tab's actions)
    path("<slug:slug>/team/invite/", team.team_invite, name="team-invite"),
    path("<slug:slug>/team/members/<int:pk>/role/", team.team_member_role,
         name="team-member-role"),
    path("<slug:slug>/team/members/<int:pk>/deactivate/", team.team_member_deactivate,
         name="team-member-deactivate"),
    path("<slug:slug>/team/members/<int:pk>/reactivate/", team.team_member_reactivate,
         name="team-member-reactivate"),
    path("<slug:slug>/team/invitations/<int:pk>/resend/", team.team_invitation_resend,
         name="team-invitation-resend"),
    path("<slug:slug>/team/invitations/<int:pk>/revoke/", team.team_invitation_revoke,
         name="team-invitation-revoke"),
]
# fmt: on
