"""The public page an invitation's link opens, under /accounts/ next to sign-in."""

from django.urls import path

from .views import team

urlpatterns = [
    path("invitation/<str:token>/", team.invitation_accept, name="invitation-accept"),
]
