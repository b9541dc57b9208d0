"""The org chart's pages: partners' own, since a partner's people and units are its facts.

Their addresses stayed where bookmarks and tests know them: under /relationships/, with
`relationships:` URL names. The composition root (prm/urls.py) mounts these patterns in that
namespace; partners' code names them through `partners.panels.orgchart.page_url_name()`, the
one place that knows where they are.
"""

from django.urls import path

from .views import orgchart

urlpatterns = [
    path("partners/<slug:slug>/contacts/new/", orgchart.contact_create, name="contact-create"),
    path("contacts/<int:pk>/edit/", orgchart.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/move/", orgchart.contact_move, name="contact-move"),
    path("contacts/<int:pk>/left/", orgchart.contact_mark_left, name="contact-mark-left"),
    path("contacts/<int:pk>/reports/", orgchart.orgchart_branch, name="orgchart-branch"),
    path("partners/<slug:slug>/contacts/import/", orgchart.contact_import, name="contact-import"),
    path(
        "partners/<slug:slug>/contacts/import/sample.csv",
        orgchart.contact_import_sample,
        name="contact-import-sample",
    ),
    path("partners/<slug:slug>/units/new/", orgchart.orgunit_create, name="orgunit-create"),
    path("units/<int:pk>/edit/", orgchart.orgunit_edit, name="orgunit-edit"),
]
