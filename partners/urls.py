from django.urls import path

from .views import registry

app_name = "partners"

urlpatterns = [
    path("", registry.partner_list, name="partner-list"),
    path("new/", registry.partner_create, name="partner-create"),
    path("<slug:slug>/", registry.partner_detail, name="partner-detail"),
    path("<slug:slug>/edit/", registry.partner_edit, name="partner-edit"),
    path("<slug:slug>/tab/<slug:tab>/", registry.partner_detail, name="partner-tab"),
]
