from django.urls import path

from . import portal

app_name = "portal"

urlpatterns = [
    path("", portal.portal_home, name="home"),
    path("profile/", portal.portal_profile_edit, name="profile-edit"),
]
