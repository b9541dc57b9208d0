from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="partner-list"),
    path("new/", views.partner_create, name="partner-create"),
    path("<slug:slug>/", views.partner_detail, name="partner-detail"),
    path("<slug:slug>/edit/", views.partner_edit, name="partner-edit"),
    path("<slug:slug>/tab/<slug:tab>/", views.partner_detail, name="partner-tab"),
]
