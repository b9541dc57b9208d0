from django.urls import path

from . import portal

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
]
