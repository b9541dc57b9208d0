"""Internal partner pages: list, create, edit, and the partner page with its tabs."""

import datetime
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners import services
from partners.models import Partner
from partners.selectors import PARTNER_SORTS
from tests.factories import (
    MembershipFactory,
    PartnerFactory,
    ProgramTierFactory,
    SegmentFactory,
    TerritoryFactory,
    UserFactory,
)
from tests.helpers import HTMX, edit_of, field_block, page_text

LIST_URL = "/partners/"
CREATE_URL = "/partners/new/"
MAX_QUERIES_PER_PAGE = 10
ROW_LINK = re.compile(r'<td><a href="/partners/[\w-]+/">([^<]+)</a>')


def row_names(response) -> list[str]:
    """Partner names in the list's rows, in display order."""
    return ROW_LINK.findall(response.content.decode())


def valid_partner_data(**overrides) -> dict:
    data = {
        "name": "Initech",
        "country": "DE",
        "partner_type": Partner.Type.RESELLER,
        "status": Partner.Status.ONBOARDING,
        "website": "https://initech.example",
        "annual_revenue": "1250000.00",
        "employee_count": "40",
        "internal_notes": "Strong in public sector.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def staff(client_for, manager):
    return client_for(manager)


def populate(count: int, *, owners, tiers, territories, segments) -> None:
    """`count` partners spread over every related table a list row or a panel shows."""
    for index in range(count):
        PartnerFactory(
            owner=owners[index % len(owners)],
            tier=tiers[index % len(tiers)],
            territories=territories[: 1 + index % len(territories)],
            segments=segments[: 1 + index % len(segments)],
            annual_revenue=Decimal(1000 * index),
            joined_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
            status=list(Partner.Status.values)[index % len(Partner.Status.values)],
        )


@pytest.fixture
def reference_data(manager, other_manager):
    return {
        "owners": [manager, other_manager],
        "tiers": [ProgramTierFactory(name=f"Level {n}", rank=n) for n in (1, 2, 3)],
        "territories": TerritoryFactory.create_batch(3),
        "segments": SegmentFactory.create_batch(2),
    }


# --- access: anonymous, partner users, wrong method -------------------------------------------

INTERNAL_PAGES = [
    "/",
    LIST_URL,
    CREATE_URL,
    "/partners/acme-systems/",
    "/partners/acme-systems/edit/",
    "/partners/acme-systems/tab/history/",
]


@pytest.mark.parametrize("url", INTERNAL_PAGES)
def test_internal_pages_redirect_anonymous_to_login(client, partner, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    ("persona", "url"),
    [("partner_member", url) for url in INTERNAL_PAGES[1:]]
    + [("partner_admin", url) for url in INTERNAL_PAGES[1:]]
    + [("outsider", LIST_URL), ("outsider", "/partners/acme-systems/")],
)
def test_internal_pages_forbidden_for_partner_users(request, client_for, url, persona):
    """Even their own partner's internal page: internal assessments never reach partners."""
    user = request.getfixturevalue(persona)
    response = client_for(user).get(url)
    assert response.status_code == 403
    assert b"Go to your partner portal" in response.content
    assert b"Internal: exploring a competitor" not in response.content


def test_internal_page_forbids_outsider_without_revealing_whether_a_partner_exists(
    client_for, outsider, partner
):
    client = client_for(outsider)
    existing = client.get(partner.get_absolute_url())
    missing = client.get("/partners/no-such-partner/")
    assert existing.status_code == missing.status_code == 403
    assert b"Acme Systems" not in existing.content


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", LIST_URL),
        ("delete", LIST_URL),
        ("put", CREATE_URL),
        ("post", "/partners/acme-systems/"),
        ("post", "/partners/acme-systems/tab/history/"),
        ("delete", "/partners/acme-systems/edit/"),
    ],
)
def test_internal_pages_reject_wrong_method(staff, partner, method, url):
    response = getattr(staff, method)(url)
    assert response.status_code == 405


def test_partner_create_post_by_partner_user_is_forbidden_and_saves_nothing(
    client_for, partner_admin
):
    response = client_for(partner_admin).post(CREATE_URL, valid_partner_data())
    assert response.status_code == 403
    assert not Partner.objects.filter(name="Initech").exists()


def test_partner_edit_post_by_partner_admin_is_forbidden_and_changes_nothing(
    client_for, partner_admin, partner
):
    response = client_for(partner_admin).post(
        f"/partners/{partner.slug}/edit/", valid_partner_data(name="Hacked")
    )
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


# --- partner list --------------------------------------------------------------------------


def test_partner_list_shows_every_partner_to_staff(staff, partner, other_partner):
    response = staff.get(LIST_URL)
    assert response.status_code == 200
    assert row_names(response) == ["Acme Systems", "Globex Networks"]
    assert "2 partners" in response.content.decode()


def test_partner_list_is_open_to_administrators(client_for, admin_user, partner):
    response = client_for(admin_user).get(LIST_URL)
    assert response.status_code == 200
    assert row_names(response) == ["Acme Systems"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", ["Acme Systems"]),
        ("ACME", ["Acme Systems"]),
        ("globex.example", ["Globex Networks"]),  # website
        ("zzz", []),
    ],
)
def test_partner_list_searches_name_and_website(staff, partner, other_partner, query, expected):
    Partner.objects.filter(pk=other_partner.pk).update(website="https://globex.example")
    response = staff.get(LIST_URL, {"q": query})
    assert row_names(response) == expected


def test_partner_list_empty_result_offers_to_clear_filters(staff, partner):
    response = staff.get(LIST_URL, {"q": "nothing-matches"})
    assert "No partner matches these filters" in response.content.decode()


@pytest.fixture
def filterable(manager, other_manager):
    """Two partners that differ in every filterable attribute."""
    gold, silver = (
        ProgramTierFactory(name="Gold", rank=2),
        ProgramTierFactory(name="Silver", rank=1),
    )
    emea, apac = TerritoryFactory(name="EMEA"), TerritoryFactory(name="APAC")
    banks, retail = SegmentFactory(name="Banks"), SegmentFactory(name="Retail")
    match = PartnerFactory(
        name="Match Ltd",
        status=Partner.Status.AT_RISK,
        partner_type=Partner.Type.DISTRIBUTOR,
        tier=gold,
        owner=other_manager,
        country="FR",
        territories=[emea],
        segments=[banks],
    )
    PartnerFactory(
        name="Other Ltd",
        status=Partner.Status.ACTIVE,
        partner_type=Partner.Type.RESELLER,
        tier=silver,
        owner=manager,
        country="DE",
        territories=[apac],
        segments=[retail],
    )
    return {
        "status": Partner.Status.AT_RISK,
        "partner_type": Partner.Type.DISTRIBUTOR,
        "tier": gold.pk,
        "territory": emea.pk,
        "segment": banks.pk,
        "owner": other_manager.pk,
        "country": "FR",
        "match": match,
    }


@pytest.mark.parametrize(
    "field", ["status", "partner_type", "tier", "territory", "segment", "owner", "country"]
)
def test_partner_list_filters_by_each_field(staff, filterable, field):
    everything = staff.get(LIST_URL)
    filtered = staff.get(LIST_URL, {field: filterable[field]})
    assert row_names(everything) == ["Match Ltd", "Other Ltd"]
    assert row_names(filtered) == ["Match Ltd"]
    assert "1 partner<" in filtered.content.decode()


def test_partner_list_combines_filters(staff, filterable):
    response = staff.get(LIST_URL, {"status": "at_risk", "country": "DE"})
    assert row_names(response) == []


def test_partner_list_territory_filter_does_not_duplicate_rows(staff):
    emea, apac, latam = TerritoryFactory.create_batch(3)
    banks, retail = SegmentFactory.create_batch(2)
    PartnerFactory(name="Everywhere", territories=[emea, apac, latam], segments=[banks, retail])
    PartnerFactory(name="Nowhere")
    for params in ({"territory": emea.pk}, {"territory": apac.pk, "segment": retail.pk}):
        response = staff.get(LIST_URL, params)
        assert row_names(response) == ["Everywhere"]
        assert "1 partner<" in response.content.decode()


SORT_VALUES = {
    # key: values for partners "Mike", "Alpha" and "Zulu", smallest first, so that neither
    # direction of the sort coincides with the by-name fallback.
    "name": None,
    "country": ["AT", "BE", "CA"],
    "type": ["distributor", "isv", "reseller"],
    "status": ["active", "exited", "prospect"],
    "tier": "tier",
    "owner": "owner",
    "revenue": [Decimal("10"), Decimal("200"), Decimal("3000")],
    "joined": [datetime.date(2019, 1, 1), datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)],
    "created": "created",
}


def make_sortable_partners(key):
    names = ["Mike", "Alpha", "Zulu"]
    partners = [PartnerFactory(name=name) for name in names]
    values = SORT_VALUES[key]
    if values is None:
        return ["Alpha", "Mike", "Zulu"]
    if values == "tier":
        # Tier names in the opposite order of their rank: the sort must follow the rank.
        values = [
            ProgramTierFactory(name=f"{c} tier", rank=r) for c, r in (("Z", 1), ("Y", 2), ("X", 3))
        ]
    elif values == "owner":
        values = [UserFactory(username=u) for u in ("amy", "bob", "cyd")]
    elif values == "created":
        base = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        values = [base + datetime.timedelta(days=n) for n in range(3)]
    column = PARTNER_SORTS[key]
    field = column.split("__")[0]
    for partner, value in zip(partners, values, strict=True):
        Partner.objects.filter(pk=partner.pk).update(**{field: value})
    return names


@pytest.mark.parametrize("key", list(PARTNER_SORTS))
def test_partner_list_sorts_by_each_key_both_ways(staff, key):
    ascending = make_sortable_partners(key)
    assert row_names(staff.get(LIST_URL, {"sort": key})) == ascending
    assert row_names(staff.get(LIST_URL, {"sort": f"-{key}"})) == ascending[::-1]


@pytest.mark.parametrize("key", ["tier", "owner", "revenue", "joined"])
def test_partner_list_sort_puts_blanks_last_both_ways(staff, key):
    make_sortable_partners(key)
    PartnerFactory(name="Blank", tier=None, owner=None, annual_revenue=None, joined_on=None)
    assert row_names(staff.get(LIST_URL, {"sort": key}))[-1] == "Blank"
    assert row_names(staff.get(LIST_URL, {"sort": f"-{key}"}))[-1] == "Blank"


def test_partner_list_sort_header_links_flip_direction(staff, partner):
    ascending = staff.get(LIST_URL, {"sort": "revenue"}).content.decode()
    descending = staff.get(LIST_URL, {"sort": "-revenue"}).content.decode()
    assert 'aria-sort="ascending"' in ascending
    assert 'href="?sort=-revenue"' in ascending
    assert 'aria-sort="descending"' in descending
    assert 'href="?sort=revenue"' in descending


def test_partner_list_paginates(staff):
    PartnerFactory.create_batch(30)
    first = staff.get(LIST_URL)
    second = staff.get(LIST_URL, {"page": 2})
    assert len(row_names(first)) == 25
    assert len(row_names(second)) == 5
    assert set(row_names(first)).isdisjoint(row_names(second))
    assert "Page 1 of 2" in first.content.decode()
    assert 'href="?page=2"' in first.content.decode()
    assert len(row_names(staff.get(LIST_URL, {"per_page": 50}))) == 30


def test_partner_list_pagination_keeps_filters_in_links(staff):
    PartnerFactory.create_batch(26, status=Partner.Status.ACTIVE)
    response = staff.get(LIST_URL, {"status": "active", "sort": "-name"})
    assert 'href="?status=active&amp;sort=-name&amp;page=2"' in response.content.decode()


def test_partner_list_page_past_the_end_shows_last_page(staff):
    PartnerFactory.create_batch(27)
    response = staff.get(LIST_URL, {"page": 999})
    assert response.status_code == 200
    assert len(row_names(response)) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"tier": "abc"},
        {"tier": "999999"},
        {"page": "-1"},
        {"page": "abc"},
        {"sort": "bogus"},
        {"sort": "-"},
        {"per_page": "7"},
        {"owner": "999999"},
        {"territory": "x"},
        {"segment": "1.5"},
        {"country": "ZZ"},
        {"status": "nope"},
        {"partner_type": "<script>"},
        {"q": "x" * 500},
    ],
)
def test_partner_list_bad_filter_values_narrow_nothing(staff, partner, other_partner, params):
    response = staff.get(LIST_URL, params)
    assert response.status_code == 200
    assert row_names(response) == ["Acme Systems", "Globex Networks"]


def test_partner_list_htmx_returns_only_the_rows_region_with_push_url(
    staff, partner, other_partner
):
    response = staff.get(LIST_URL, {"status": "active", "q": "", "sort": "-name"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="partner-rows"')
    assert "<html" not in body
    assert 'id="partner-filters"' not in body
    assert row_names(response) == ["Globex Networks", "Acme Systems"]
    assert response["HX-Push-Url"] == "/partners/?status=active&sort=-name"
    assert "HX-Request" in response["Vary"]


def test_partner_list_full_page_has_filters_and_no_push_url(staff, partner):
    response = staff.get(LIST_URL, {"status": "active"})
    body = response.content.decode()
    assert "<html" in body
    assert 'id="partner-filters"' in body
    assert 'id="partner-rows"' in body
    assert "HX-Push-Url" not in response


def test_partner_list_htmx_push_url_without_filters_is_the_bare_path(staff, partner):
    response = staff.get(LIST_URL, {"q": "", "status": ""}, **HTMX)
    assert response["HX-Push-Url"] == "/partners/"


def test_partner_list_drops_invalid_values_from_shared_urls(staff, partner):
    response = staff.get(LIST_URL, {"tier": "abc", "status": "active", "page": "-1"}, **HTMX)
    assert response["HX-Push-Url"] == "/partners/?status=active"


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/", {}),
        (LIST_URL, {}),
        (LIST_URL, HTMX),
        (f"{LIST_URL}?territory=1&sort=-owner", {}),
        (f"{LIST_URL}?sort=tier&page=2", HTMX),
    ],
)
def test_list_and_dashboard_query_count_is_constant(
    staff, reference_data, url, headers, count_queries
):
    populate(5, **reference_data)
    small = count_queries(staff, url, warm=True, **headers)
    populate(55, **reference_data)
    large = count_queries(staff, url, warm=True, **headers)
    assert small == large <= MAX_QUERIES_PER_PAGE


@pytest.mark.parametrize("tab", ["", "tab/overview/", "tab/history/"])
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_partner_detail_query_count_is_constant(
    staff, manager, reference_data, tab, headers, count_queries
):
    partner = PartnerFactory(name="Measured", owner=manager)
    url = f"{partner.get_absolute_url()}{tab}"

    def grow(step):
        # More related rows on every tab: territories, segments, portal users, history entries.
        territories = reference_data["territories"][: step + 1]
        tier = reference_data["tiers"][step % 3]
        services.partner_update(
            partner=partner,
            actor=reference_data["owners"][step % 2],
            territories=territories,
            segments=reference_data["segments"][: 1 + step % 2],
            tier=tier,
            owner=reference_data["owners"][(step + 1) % 2],
            status=list(Partner.Status.values)[step % 6],
        )
        MembershipFactory(partner=partner)

    grow(0)
    small = count_queries(staff, url, warm=True, **headers)
    for step in range(1, 12):
        grow(step)
    large = count_queries(staff, url, warm=True, **headers)
    assert small == large <= MAX_QUERIES_PER_PAGE


# --- partner create ------------------------------------------------------------------------


def test_partner_create_form_renders_for_staff_with_owner_preselected(staff, manager):
    response = staff.get(CREATE_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Add partner" in body
    assert f'<option value="{manager.pk}" selected>' in body


def test_partner_create_saves_and_redirects_to_the_partner_page(staff, manager):
    emea = TerritoryFactory(name="EMEA")
    response = staff.post(CREATE_URL, valid_partner_data(territories=[emea.pk]))
    partner = Partner.objects.get(name="Initech")
    assert response.status_code == 302
    assert response.url == f"/partners/{partner.slug}/"
    assert partner.slug == "initech"
    assert partner.annual_revenue == Decimal("1250000.00")
    assert list(partner.territories.all()) == [emea]
    entry = LogEntry.objects.get_for_object(partner).get(action=LogEntry.Action.CREATE)
    assert entry.actor == manager
    assert entry.changes_dict["name"] == ["None", "Initech"]


def test_partner_create_htmx_success_answers_with_client_redirect(staff):
    response = staff.post(CREATE_URL, valid_partner_data(), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/partners/initech/"


def test_partner_create_named_like_a_page_does_not_shadow_that_page(staff):
    """A partner called “New” must not get the slug of the “add partner” page."""
    staff.post(CREATE_URL, valid_partner_data(name="New"))
    partner = Partner.objects.get(name="New")
    assert partner.slug != "new"
    response = staff.get(partner.get_absolute_url())
    assert response.status_code == 200
    assert "<h1>New</h1>" in response.content.decode()


def test_partner_create_allows_same_name_in_another_country(staff, partner):
    response = staff.post(CREATE_URL, valid_partner_data(name="ACME SYSTEMS", country="FR"))
    assert response.status_code == 302
    created = Partner.objects.get(name="ACME SYSTEMS")
    assert created.country == "FR"
    assert created.slug not in ("acme-systems", "")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"annual_revenue": "-1"}, "annual_revenue", "Annual revenue cannot be negative."),
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"website": "not a url"}, "website", "Enter a valid URL."),
        ({"name": "acme SYSTEMS"}, "name", "already exists in this country"),
        ({"country": "XX"}, "country", "Select a valid choice."),
        ({"status": "dormant"}, "status", "Select a valid choice."),
        ({"employee_count": "-3"}, "employee_count", "greater than or equal to 0"),
    ],
)
def test_partner_create_invalid_shows_error_at_the_field_and_saves_nothing(
    staff, partner, overrides, field, message
):
    before = Partner.objects.count()
    response = staff.post(CREATE_URL, valid_partner_data(**overrides))
    assert response.status_code == 422
    assert "<html" in response.content.decode()
    block = field_block(response, field)
    assert block.startswith('<div class="field has-error"')
    assert message in block
    assert Partner.objects.count() == before
    assert not LogEntry.objects.filter(object_repr="Initech").exists()


def test_partner_create_owner_must_be_a_channel_manager(staff, partner_admin):
    response = staff.post(CREATE_URL, valid_partner_data(owner=partner_admin.pk))
    assert response.status_code == 422
    assert "Select a valid choice." in field_block(response, "owner")
    assert not Partner.objects.filter(name="Initech").exists()


def test_partner_create_invalid_htmx_returns_form_fragment_with_422(staff):
    response = staff.post(CREATE_URL, valid_partner_data(annual_revenue="-5"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 422
    assert body.lstrip().startswith('<form id="partner-form"')
    assert "<html" not in body
    assert "Annual revenue cannot be negative." in field_block(response, "annual_revenue")
    assert not Partner.objects.filter(name="Initech").exists()


def test_partner_create_puts_service_errors_at_their_field(staff, monkeypatch):
    """Rules only the service knows still come back at the field they name."""

    def refuse(**fields):
        raise ValidationError({"website": "This website belongs to another partner."})

    monkeypatch.setattr(services, "partner_create", refuse)
    response = staff.post(CREATE_URL, valid_partner_data())
    assert response.status_code == 422
    assert "This website belongs to another partner." in field_block(response, "website")


# --- partner edit --------------------------------------------------------------------------


def test_partner_edit_form_shows_current_values(staff, partner):
    response = staff.get(f"/partners/{partner.slug}/edit/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Edit Acme Systems" in body
    assert 'value="Acme Systems"' in body
    assert "Internal: exploring a competitor" in body


def test_partner_edit_saves_and_keeps_the_slug(staff, partner, manager):
    response = staff.post(
        f"/partners/{partner.slug}/edit/",
        edit_of(partner, valid_partner_data(name="Acme Systems International", status="at_risk")),
    )
    partner.refresh_from_db()
    assert response.status_code == 302
    assert response.url == "/partners/acme-systems/"
    assert partner.name == "Acme Systems International"
    assert partner.status == Partner.Status.AT_RISK
    assert partner.slug == "acme-systems"
    entry = LogEntry.objects.get_for_object(partner).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == manager
    assert entry.changes_dict["status"] == ["active", "at_risk"]


def test_partner_edit_may_change_the_case_of_its_own_name(staff, partner):
    response = staff.post(
        f"/partners/{partner.slug}/edit/", edit_of(partner, valid_partner_data(name="ACME Systems"))
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "ACME Systems"


def test_partner_edit_duplicate_name_errors_at_name_and_changes_nothing(
    staff, partner, other_partner
):
    response = staff.post(
        f"/partners/{partner.slug}/edit/",
        edit_of(partner, valid_partner_data(name="globex networks")),
    )
    assert response.status_code == 422
    assert "already exists in this country" in field_block(response, "name")
    partner.refresh_from_db()
    assert partner.name == "Acme Systems"


def test_partner_edit_invalid_htmx_returns_form_fragment_with_422(staff, partner):
    response = staff.post(
        f"/partners/{partner.slug}/edit/",
        edit_of(partner, valid_partner_data(website="nope")),
        **HTMX,
    )
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<form id="partner-form"')
    assert 'hx-post="/partners/acme-systems/edit/"' in response.content.decode()
    assert "Enter a valid URL." in field_block(response, "website")


def test_partner_edit_htmx_success_answers_with_client_redirect(staff, partner):
    response = staff.post(
        f"/partners/{partner.slug}/edit/", edit_of(partner, valid_partner_data()), **HTMX
    )
    assert response["HX-Redirect"] == "/partners/acme-systems/"


def test_partner_edit_unknown_slug_is_404(staff):
    assert staff.get("/partners/nobody/edit/").status_code == 404
    assert staff.post("/partners/nobody/edit/", valid_partner_data()).status_code == 404


# --- partner detail ------------------------------------------------------------------------


def test_partner_detail_overview_shows_facts_and_internal_notes(staff, partner, partner_admin):
    emea = TerritoryFactory(name="EMEA")
    banks = SegmentFactory(name="Banks", is_sweet_spot=True)
    partner.territories.set([emea])
    partner.segments.set([banks])
    response = staff.get(partner.get_absolute_url())
    text = page_text(response)
    assert response.status_code == 200
    assert "<h1>Acme Systems</h1>" in response.content.decode()
    assert 'data-current-tab="overview"' in response.content.decode()
    assert "Internal: exploring a competitor" in text
    assert "EMEA" in text
    assert "Banks ★" in text
    assert "pa-acme@example.com" in text  # portal users are listed


def test_partner_detail_overview_names_their_company_revenue_with_currency(staff, partner):
    partner.annual_revenue = 4_250_000
    partner.save()
    text = page_text(staff.get(partner.get_absolute_url()))
    assert "Company's annual revenue (their whole business) 4,250,000 USD" in text


def test_partner_detail_overview_tab_url_matches_the_default(staff, partner):
    default = staff.get(partner.get_absolute_url())
    explicit = staff.get(f"{partner.get_absolute_url()}tab/overview/")
    assert 'data-current-tab="overview"' in explicit.content.decode()
    assert row_free(default.content) == row_free(explicit.content)


def row_free(content: bytes) -> str:
    """The page without its CSRF tokens, which differ per response."""
    return re.sub(
        r'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"', "", content.decode()
    )


def test_partner_detail_history_tab_shows_who_changed_what(staff, partner, manager, other_manager):
    gold = ProgramTierFactory(name="Gold", rank=5)
    emea = TerritoryFactory(name="EMEA")
    other_manager.first_name, other_manager.last_name = "Olga", "Other"
    other_manager.save()
    services.partner_update(
        partner=partner,
        actor=other_manager,
        status=Partner.Status.AT_RISK,
        tier=gold,
        territories=[emea],
    )
    response = staff.get(f"{partner.get_absolute_url()}tab/history/")
    text = page_text(response)
    assert response.status_code == 200
    assert 'data-current-tab="history"' in response.content.decode()
    assert "Olga Other updated this partner" in text
    assert "status Active → At risk" in text
    assert "tier — → Gold" in text
    assert "territories add: EMEA" in text
    assert "updated at" not in text  # bookkeeping columns are not history


def test_partner_detail_history_hides_unchanged_bookkeeping_on_create(staff, manager):
    partner = services.partner_create(
        actor=manager, name="Fresh", country="DE", partner_type="reseller"
    )
    text = page_text(staff.get(f"{partner.get_absolute_url()}tab/history/"))
    assert "created this partner" in text
    assert " name " in text and "Fresh" in text
    assert "memberships" not in text
    assert "partners.PartnerMembership.None" not in text
    assert "ID" not in text.split("created this partner")[1]


def test_partner_detail_unknown_tab_is_404(staff, partner):
    assert staff.get(f"{partner.get_absolute_url()}tab/secrets/").status_code == 404


def test_partner_detail_unknown_slug_is_404(staff):
    assert staff.get("/partners/no-such-partner/").status_code == 404
    assert staff.get("/partners/no-such-partner/tab/history/").status_code == 404


def test_partner_detail_htmx_tab_request_returns_only_the_tab_region(staff, partner):
    response = staff.get(f"{partner.get_absolute_url()}tab/history/", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(
        '<section id="tab-panel" role="tabpanel" aria-labelledby="tab-history"'
        ' data-current-tab="history">'
    )
    assert "<html" not in body
    assert "<h1>" not in body
    assert "HX-Request" in response["Vary"]


def test_partner_detail_lists_every_registered_tab(staff, partner):
    body = staff.get(partner.get_absolute_url()).content.decode()
    assert body.index('data-tab="overview"') < body.index('data-tab="history"')
    assert reverse("partners:partner-tab", args=[partner.slug, "history"]) in body


# --- org chart without any layer -------------------------------------------------------------


def test_org_chart_draws_the_facts_alone_when_no_layer_is_registered(staff, manager, monkeypatch):
    from prm import panels as core_panels
    from tests.factories import ContactFactory

    registry = {**core_panels._registry, "orgchart": {}}
    monkeypatch.setattr(core_panels, "_registry", registry)
    partner = PartnerFactory(name="Facts Only")
    boss = ContactFactory(partner=partner, first_name="Ada", last_name="Boss")
    ContactFactory(partner=partner, first_name="Ben", last_name="Report", reports_to=boss)
    response = staff.get(f"{partner.get_absolute_url()}tab/org-chart/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'class="oc-box" id="person-{boss.pk}"' in html and "Ben Report" in html
    assert "assessed" not in html and "oc-legend" not in html and "stance-" not in html
