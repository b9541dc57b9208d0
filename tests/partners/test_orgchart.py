"""The org chart tab and its pages: add, edit, move, mark as left, units, CSV import.

Vendor staff only (partner users 403, anonymous to the login page, wrong method 405, unknown
ids 404); every change goes through the partners services and shows their errors at the field.
What relationships draws over the chart is tested in tests/relationships/test_orgchart_layer.py.
"""

import datetime
import re

import pytest
from django.urls import reverse

from partners.models import Contact, OrgUnit
from partners.panels.orgchart import orgchart_tab_context
from partners.selectors import build_chart
from tests.factories import ContactFactory, OrgUnitFactory, StakeholderFactory
from tests.helpers import HTMX, edit_of
from tests.orgchart_data import TODAY, make_org, tab_url


@pytest.fixture
def org(partner):
    return make_org(partner)


# --- the chart ------------------------------------------------------------------------------


def test_orgchart_tab_as_htmx_fragment(client_for, manager, org, partner):
    response = client_for(manager).get(tab_url(partner), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="tab-panel"')
    assert "<html" not in html and "Maria Keller" in html


def test_orgchart_tab_empty_state(client_for, manager, partner):
    html = client_for(manager).get(tab_url(partner)).content.decode()
    assert "No one on the org chart yet" in html
    assert reverse("relationships:contact-import", args=[partner.slug]) in html
    assert "No units yet" in html and "Nobody has left" in html


def test_orgchart_unit_filter_shows_the_unit_and_its_sub_units(rf, manager, org, partner):
    request = rf.get("/", {"unit": org["sales"].pk})
    request.user = manager
    context = orgchart_tab_context(request, partner)
    roots = context["roots"]
    assert [root.contact for root in roots] == [org["kai"]]
    assert roots[0].outside_manager == org["maria"]
    assert [child.contact for child in roots[0].children] == [org["lea"]]
    request = rf.get("/", {"unit": "not-a-unit"})
    assert orgchart_tab_context(request, partner)["selected_unit"] is None


def test_build_chart_folds_deep_levels_of_big_charts_and_stacks_leaves(partner):
    boss = ContactFactory(partner=partner)
    managers = [ContactFactory(partner=partner, reports_to=boss) for _ in range(6)]
    for manager in managers:
        leads = [ContactFactory(partner=partner, reports_to=manager) for _ in range(3)]
        for lead in leads:
            ContactFactory.create_batch(3, partner=partner, reports_to=lead)
    people = list(Contact.objects.filter(partner=partner))
    (root,) = build_chart(people)
    assert root.descendants == len(people) - 1 == 78
    assert root.open and not root.stacked  # 6 managers side by side...
    first = root.children[0]
    assert first.open and first.stacked  # ...but their 18 leads would be too wide: stacked
    lead = first.children[0]
    assert not lead.open and lead.descendants == 3 and lead.stacked
    small = build_chart(people[:5])
    assert all(node.open for node in small)


def test_build_chart_handles_a_manager_outside_the_people_given(partner):
    boss = ContactFactory(partner=partner)
    report = ContactFactory(partner=partner, reports_to=boss)
    (root,) = build_chart([report])
    assert root.contact == report and root.children == []


def _grow(partner, people):
    """`people` contacts in a tree, a third assessed, spread over units, some who left."""
    units = [OrgUnitFactory(partner=partner) for _ in range(3)]
    top = ContactFactory(partner=partner, org_unit=units[0])
    made = [top]
    for i in range(people - 1):
        person = ContactFactory(
            partner=partner, reports_to=made[i // 4], org_unit=units[i % 3],
            left_on=TODAY if i % 25 == 24 else None,
        )  # fmt: skip
        made.append(person)
        if i % 3 == 0:
            StakeholderFactory(contact=person, stance=["supporter", "neutral"][i % 2])


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_orgchart_query_count_is_constant(
    client_for, manager, partner, other_partner, headers, count_queries
):
    client = client_for(manager)
    _grow(partner, 20)
    _grow(other_partner, 300)
    small = count_queries(client, tab_url(partner), **headers)
    large = count_queries(client, tab_url(other_partner), **headers)
    assert small == large


# --- who may open the pages -----------------------------------------------------------------


def page_urls(partner, org):
    return [
        tab_url(partner),
        reverse("relationships:contact-create", args=[partner.slug]),
        reverse("relationships:contact-edit", args=[org["kai"].pk]),
        reverse("relationships:contact-move", args=[org["kai"].pk]),
        reverse("relationships:contact-mark-left", args=[org["kai"].pk]),
        reverse("relationships:orgunit-create", args=[partner.slug]),
        reverse("relationships:orgunit-edit", args=[org["sales"].pk]),
        reverse("relationships:contact-import", args=[partner.slug]),
        reverse("relationships:contact-import-sample", args=[partner.slug]),
    ]


def test_orgchart_pages_open_for_staff(client_for, manager, admin_user, org, partner):
    for user in (manager, admin_user):
        client = client_for(user)
        for url in page_urls(partner, org):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["partner_admin", "partner_member", "outsider"])
def test_orgchart_pages_refuse_partner_users(request, client_for, org, partner, persona):
    client = client_for(request.getfixturevalue(persona))
    for url in page_urls(partner, org):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"first_name": "X", "last_name": "Y", "name": "X"}).status_code in (
            403,
            405,
        )
    assert not Contact.objects.filter(first_name="X").exists()
    assert not OrgUnit.objects.filter(name="X").exists()


def test_orgchart_pages_send_anonymous_users_to_login(client, org, partner):
    for url in page_urls(partner, org):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_orgchart_pages_answer_405_to_other_methods(client_for, manager, org, partner):
    client = client_for(manager)
    for url in page_urls(partner, org)[1:]:
        assert client.put(url).status_code == 405, url
        assert client.delete(url).status_code == 405, url
    sample = reverse("relationships:contact-import-sample", args=[partner.slug])
    assert client.post(sample).status_code == 405


def test_orgchart_pages_answer_404_for_unknown_objects(client_for, manager):
    client = client_for(manager)
    for url in (
        reverse("relationships:contact-create", args=["no-such-partner"]),
        reverse("relationships:contact-edit", args=[999999]),
        reverse("relationships:contact-move", args=[999999]),
        reverse("relationships:contact-mark-left", args=[999999]),
        reverse("relationships:orgunit-edit", args=[999999]),
        reverse("relationships:contact-import", args=["no-such-partner"]),
    ):
        assert client.get(url).status_code == 404, url


# --- people ---------------------------------------------------------------------------------


def test_contact_create_prefills_the_manager_and_unit_for_a_report(
    client_for, manager, org, partner
):
    url = reverse("relationships:contact-create", args=[partner.slug])
    response = client_for(manager).get(url, {"reports_to": org["kai"].pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Add a report to Kai Berg" in html
    assert f'<option value="{org["kai"].pk}" selected>' in html
    assert f'<option value="{org["sales"].pk}" selected>' in html


def test_contact_create_ignores_a_manager_of_another_partner(
    client_for, manager, org, partner, other_partner
):
    stranger = ContactFactory(partner=other_partner)
    url = reverse("relationships:contact-create", args=[partner.slug])
    html = client_for(manager).get(url, {"reports_to": stranger.pk}).content.decode()
    assert "Add a person" in html and str(stranger) not in html


def test_contact_create_saves_and_returns_to_the_chart(client_for, manager, org, partner):
    url = reverse("relationships:contact-create", args=[partner.slug])
    data = {"first_name": "Nia", "last_name": "New", "title": "CFO", "reports_to": org["maria"].pk}
    response = client_for(manager).post(url, data)
    nia = Contact.objects.get(first_name="Nia")
    # Back to the chart, opened at the new person (static/js/orgchart.js highlights them).
    assert response.status_code == 302
    assert response["Location"] == f"{tab_url(partner)}?highlight={nia.pk}"
    assert nia.reports_to == org["maria"]
    response = client_for(manager).post(url, {**data, "first_name": "Noa"}, **HTMX)
    noa = Contact.objects.get(first_name="Noa")
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{tab_url(partner)}?highlight={noa.pk}"
    page = client_for(manager).get(f"{tab_url(partner)}?highlight={noa.pk}").content.decode()
    assert "Noa New is on the org chart." in page
    assert f'data-oc-highlight="person-{noa.pk}"' in page and f'id="person-{noa.pk}"' in page


def test_chart_opens_the_branches_above_a_highlighted_person(client_for, manager, partner):
    """A big chart draws its deep levels later (lazily); the person just added is drawn now."""
    boss = ContactFactory(partner=partner, first_name="Top", last_name="Boss")
    above = boss
    for level in range(8):
        above = ContactFactory(partner=partner, last_name=f"Level{level}", reports_to=above)
    for index in range(60):  # enough people for the chart to fold its deep levels
        ContactFactory(partner=partner, last_name=f"Peer{index}", reports_to=boss)
    url = tab_url(partner)
    folded = client_for(manager).get(url).content.decode()
    assert f'id="person-{above.pk}"' not in folded
    opened = client_for(manager).get(f"{url}?highlight={above.pk}").content.decode()
    assert f'id="person-{above.pk}"' in opened
    assert f'data-oc-highlight="person-{above.pk}"' in opened


def test_chart_ignores_a_highlight_of_someone_not_on_it(
    client_for, manager, partner, other_partner
):
    stranger = ContactFactory(partner=other_partner)
    ContactFactory(partner=partner)
    page = client_for(manager).get(f"{tab_url(partner)}?highlight={stranger.pk}").content.decode()
    assert "data-oc-highlight" not in page
    assert client_for(manager).get(f"{tab_url(partner)}?highlight=abc").status_code == 200


def test_contact_create_shows_errors_at_the_fields(client_for, manager, org, partner):
    org["maria"].email = "maria@acme.example"
    org["maria"].save()
    url = reverse("relationships:contact-create", args=[partner.slug])
    data = {"first_name": "", "last_name": "Dup", "email": "MARIA@acme.example"}
    response = client_for(manager).post(url, data, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="field-first_name"' in html and "This field is required." in html
    data["first_name"] = "Dup"
    response = client_for(manager).post(url, data)
    assert response.status_code == 422
    assert response.context["form"].errors["email"] == [
        "Maria Keller at this partner already has this email."
    ]
    assert not Contact.objects.filter(last_name="Dup").exists()


def test_contact_edit_saves_through_the_service(client_for, manager, org):
    url = reverse("relationships:contact-edit", args=[org["lea"].pk])
    response = client_for(manager).get(url)
    assert response.context["form"].initial["reports_to"] == org["kai"].pk
    data = {"first_name": "Lea", "last_name": "Roth-Berg", "title": "VP", "org_unit": "",
            "reports_to": org["kai"].pk, "email": "", "phone": ""}  # fmt: skip
    assert client_for(manager).post(url, edit_of(org["lea"], data)).status_code == 302
    org["lea"].refresh_from_db()
    assert (org["lea"].last_name, org["lea"].title, org["lea"].org_unit) == (
        "Roth-Berg",
        "VP",
        None,
    )


def test_contact_move_refuses_a_cycle_at_the_field(client_for, manager, org):
    url = reverse("relationships:contact-move", args=[org["maria"].pk])
    response = client_for(manager).post(url, {"reports_to": org["lea"].pk}, **HTMX)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert list(errors) == ["reports_to"] and "reporting cycle" in errors["reports_to"][0]
    assert 'id="field-reports_to"' in response.content.decode()
    org["maria"].refresh_from_db()
    assert org["maria"].reports_to is None


def test_contact_move_changes_manager_and_unit(client_for, manager, org):
    url = reverse("relationships:contact-move", args=[org["lea"].pk])
    response = client_for(manager).post(
        url, {"reports_to": org["maria"].pk, "org_unit": org["sales"].pk}, **HTMX
    )
    assert response["HX-Redirect"]
    org["lea"].refresh_from_db()
    assert (org["lea"].reports_to, org["lea"].org_unit) == (org["maria"], org["sales"])


def test_contact_move_offers_no_self_as_manager(client_for, manager, org):
    url = reverse("relationships:contact-move", args=[org["kai"].pk])
    queryset = client_for(manager).get(url).context["form"].fields["reports_to"].queryset
    assert org["kai"] not in queryset and org["gil"] not in queryset and org["maria"] in queryset


def test_contact_mark_left_moves_reports_up(client_for, manager, org, partner):
    url = reverse("relationships:contact-mark-left", args=[org["kai"].pk])
    page = client_for(manager).get(url).content.decode()
    assert "Their 1 direct report will report to Maria Keller." in page
    response = client_for(manager).post(url, {"left_on": TODAY.isoformat()})
    assert response.status_code == 302
    org["lea"].refresh_from_db()
    org["kai"].refresh_from_db()
    assert org["lea"].reports_to == org["maria"] and org["kai"].left_on == TODAY


def test_contact_mark_left_refuses_a_future_date_and_a_second_time(client_for, manager, org):
    url = reverse("relationships:contact-mark-left", args=[org["kai"].pk])
    tomorrow = TODAY + datetime.timedelta(days=1)
    response = client_for(manager).post(url, {"left_on": tomorrow.isoformat()}, **HTMX)
    assert response.status_code == 422 and "left_on" in response.context["form"].errors
    gone = reverse("relationships:contact-mark-left", args=[org["gil"].pk])
    response = client_for(manager).post(gone, {"left_on": TODAY.isoformat()})
    assert response.status_code == 422
    assert "already marked" in response.context["form"].errors["left_on"][0]


# --- units ----------------------------------------------------------------------------------


def test_orgunit_create_and_rename(client_for, manager, org, partner):
    client = client_for(manager)
    url = reverse("relationships:orgunit-create", args=[partner.slug])
    response = client.post(url, {"name": "Nordics", "parent": org["sales"].pk}, **HTMX)
    assert response["HX-Redirect"] == tab_url(partner)
    nordics = OrgUnit.objects.get(name="Nordics")
    assert nordics.parent == org["sales"]
    edit = reverse("relationships:orgunit-edit", args=[nordics.pk])
    assert (
        client.post(edit, edit_of(nordics, {"name": "Scandinavia", "parent": ""})).status_code
        == 302
    )
    nordics.refresh_from_db()
    assert (nordics.name, nordics.parent) == ("Scandinavia", None)


def test_orgunit_edit_refuses_a_cycle_at_the_parent_field(client_for, manager, org):
    url = reverse("relationships:orgunit-edit", args=[org["sales"].pk])
    data = edit_of(org["sales"], {"name": "Sales", "parent": org["emea"].pk})
    response = client_for(manager).post(url, data, **HTMX)
    assert response.status_code == 422
    assert "cannot sit under its own sub-unit" in response.context["form"].errors["parent"][0]
    org["sales"].refresh_from_db()
    assert org["sales"].parent is None


def test_orgunit_create_refuses_a_duplicate_name_at_the_field(client_for, manager, org, partner):
    url = reverse("relationships:orgunit-create", args=[partner.slug])
    response = client_for(manager).post(url, {"name": "sales"})
    assert response.status_code == 422 and "name" in response.context["form"].errors


# --- CSV import -----------------------------------------------------------------------------

CSV = (
    "first_name,last_name,title,email,unit,reports_to_email\n"
    "Ana,Silva,Managing Director,ana@acme.example,Management,\n"
    "Ben,Okafor,Head of Sales,ben@acme.example,Sales,ana@acme.example\n"
)


def upload(content: bytes, name="people.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_contact_import_page_imports_all_rows(client_for, manager, partner):
    url = reverse("relationships:contact-import", args=[partner.slug])
    response = client_for(manager).post(url, {"file": upload(CSV.encode()), "action": "import"})
    assert response.status_code == 302 and response["Location"] == tab_url(partner)
    assert Contact.objects.get(email="ben@acme.example").reports_to.email == "ana@acme.example"
    page = client_for(manager).get(tab_url(partner)).content.decode()
    assert "Imported 2 people: 2 new, 0 updated, 0 unchanged, 2 new unit(s)." in page
    again = client_for(manager).post(url, {"file": upload(CSV.encode())}, **HTMX)
    assert again["HX-Redirect"] == tab_url(partner)
    assert Contact.objects.filter(partner=partner).count() == 2


def test_contact_import_page_reports_row_errors_and_imports_nothing(client_for, manager, partner):
    url = reverse("relationships:contact-import", args=[partner.slug])
    bad = CSV + "Cleo,,,not-an-email,Sales,ghost@acme.example\n"
    response = client_for(manager).post(url, {"file": upload(bad.encode())}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-panel"')
    assert "3 problems in people.csv — nothing was imported" in html
    assert "“not-an-email” is not a valid email address." in html
    assert not Contact.objects.filter(partner=partner).exists()


def test_contact_import_page_check_only_writes_nothing(client_for, manager, partner):
    url = reverse("relationships:contact-import", args=[partner.slug])
    response = client_for(manager).post(url, {"file": upload(CSV.encode()), "action": "check"})
    assert response.status_code == 200
    assert "people.csv is ready to import" in response.content.decode()
    assert not Contact.objects.filter(partner=partner).exists()


def test_contact_import_page_needs_a_file(client_for, manager, partner):
    url = reverse("relationships:contact-import", args=[partner.slug])
    response = client_for(manager).post(url, {}, **HTMX)
    assert response.status_code == 422 and "file" in response.context["form"].errors
    response = client_for(manager).post(url, {"file": upload(b"", "empty.csv")})
    assert response.status_code == 422 and "file" in response.context["form"].errors


def test_contact_import_sample_is_a_valid_import(client_for, manager, partner):
    url = reverse("relationships:contact-import-sample", args=[partner.slug])
    response = client_for(manager).get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    from partners.imports import contact_import

    assert contact_import(actor=manager, partner=partner, content=response.content).ok


def _large_chart(partner, *, managers=4, reports=20):
    """A CEO, `managers` managers and `reports` reports under each: over the lazy threshold."""
    from tests.factories import ContactFactory

    ceo = ContactFactory(partner=partner, first_name="Chief", last_name="Executive")
    heads = [ContactFactory(partner=partner, reports_to=ceo) for _ in range(managers)]
    leads = [ContactFactory(partner=partner, reports_to=head) for head in heads]
    for lead in leads:
        for _ in range(reports):
            ContactFactory(partner=partner, reports_to=lead, last_name="Deepreport")
    return ceo, heads, leads


def test_large_org_chart_folds_deep_branches_and_loads_them_on_demand(client_for, manager, partner):
    ceo, heads, leads = _large_chart(partner)
    client = client_for(manager)
    page = client.get(f"/partners/{partner.slug}/tab/org-chart/").content.decode()
    assert "Deepreport" not in page  # the deepest level is not rendered up front
    assert f'hx-get="/relationships/contacts/{leads[0].pk}/reports/"' in page
    branch = client.get(f"/relationships/contacts/{leads[0].pk}/reports/")
    assert branch.status_code == 200
    assert branch.content.decode().count('class="oc-box') == 20
    expanded = client.get(f"/partners/{partner.slug}/tab/org-chart/?expand=all")
    assert expanded.content.decode().count('class="oc-box') == 1 + 4 + 4 + 80


def test_org_chart_branch_is_internal(client_for, partner_admin, partner, client):
    ceo, heads, leads = _large_chart(partner, managers=1, reports=61)
    url = f"/relationships/contacts/{leads[0].pk}/reports/"
    assert client_for(partner_admin).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    from tests.factories import UserFactory

    staff = client_for(UserFactory(username="branch-manager"))
    assert staff.post(url).status_code == 405
    assert staff.get("/relationships/contacts/999999/reports/").status_code == 404


def test_person_pickers_are_searchable_selects(client_for, manager, partner):
    """ "Reports to" and "Unit" carry the mark static/js/ui.js turns into a type-to-find list;
    without JavaScript they stay plain selects of the same options."""
    boss = ContactFactory(partner=partner, first_name="Big", last_name="Boss")
    url = reverse("relationships:contact-create", args=[partner.slug])
    html = client_for(manager).get(url).content.decode()
    for name in ("reports_to", "org_unit"):
        select = re.search(rf'<select name="{name}"[^>]*>', html).group(0)
        assert "data-searchable=" in select and "multiple" not in select
    assert re.search(rf'<option value="{boss.pk}"[^>]*>Big Boss', html)
    move = reverse("relationships:contact-move", args=[boss.pk])
    assert 'data-searchable="Type a name…"' in client_for(manager).get(move).content.decode()
