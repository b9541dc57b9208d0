"""The global search (prm.search): the query's words, the registry of kinds, the page with its
two htmx fragments (the page's results, the top bar's dropdown) and the API; scoped for partner
users to their own partner's people, deals and claims."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.state import ProjectState
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from partners.selectors.search import search_contacts
from prm import search
from prm.search.operations import AddSearchIndex
from prm.search.registry import kinds_for
from prm.search.terms import SearchTerms
from tests.factories import ContactFactory, PartnerFactory, UserFactory
from tests.helpers import HTMX, page_text
from tests.search_support import build_world, grow, require_postgresql

PAGE = "/search/"
API = "/api/v1/search/"
DROPDOWN = {**HTMX, "HTTP_HX_TARGET": "topbar-search-results"}
PAGE_FRAGMENT = {**HTMX, "HTTP_HX_TARGET": "search-results"}


@pytest.fixture
def world(partner, other_partner):
    return build_world(partner, other_partner)


# --- the words of a query -------------------------------------------------------------------


def test_search_terms_collapse_spaces_and_keep_at_most_the_maximum():
    assert SearchTerms.parse("  acme   systems ").text == "acme systems"
    assert len(SearchTerms.parse("x" * 500).text) == search.MAX_LENGTH


def test_search_terms_words_are_prefixes_without_tsquery_syntax():
    terms = SearchTerms.parse("Acm o'brien (x) a&b acm")
    assert terms.words == ("Acm", "o'brien", "(x)", "a&b")
    assert terms.tsquery() == "'Acm':* & 'o':* & 'brien':* & 'x':* & 'a':* & 'b':*"
    assert SearchTerms.parse("() :*").tsquery() == ""


def test_search_terms_fallback_matches_every_word_and_ranks_name_prefixes_first(partner):
    """The SQLite path (icontains), run on whatever database the tests use."""
    ContactFactory(partner=partner, first_name="Maria", last_name="Jansen", title="CTO")
    ContactFactory(partner=partner, first_name="Jan", last_name="Novak", title="CEO")
    ContactFactory(partner=partner, first_name="Petra", last_name="Dvorak", title="Janitor")
    from partners.models import Contact

    fields = (("first_name", "A"), ("last_name", "A"), ("title", "C"))
    found = SearchTerms.parse("jan")._contains(Contact.objects.all(), fields)
    ordered = found.order_by("-search_rank", "last_name")
    assert [c.last_name for c in ordered] == ["Novak", "Jansen", "Dvorak"]
    both = SearchTerms.parse("jan cto")._contains(Contact.objects.all(), fields)
    assert [c.last_name for c in both] == ["Jansen"]


# --- the registry ---------------------------------------------------------------------------


def test_register_kind_refuses_an_unknown_audience():
    with pytest.raises(ValueError, match="Audiences"):
        search.register_kind("x", label="X", selector=list, present=str, audiences=("public",))


def test_kinds_for_each_side(manager, partner_member, db):
    assert [k.key for k in kinds_for(manager)] == ["partners", "people", "deals", "claims"]
    assert [k.key for k in kinds_for(partner_member)] == ["people", "deals", "claims"]
    assert kinds_for(UserFactory(role="")) == []


# --- the page -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", ["Acme Systems"]),
        ("kowal", ["Jana Kowalska", "Jan Kowalczyk"]),
        ("jana.kowalska", ["Jana Kowalska"]),
        ("umbrel", ["Umbrella Pharma", "Umbrella Logistics"]),
        ("webinar", ["Webinar series on data platforms", "Webinar roadshow in Lyon"]),
    ],
)
def test_search_page_staff_finds_every_partners_rows(client_for, manager, world, query, expected):
    response = client_for(manager).get(PAGE, {"q": query})
    assert response.status_code == 200
    text = page_text(response)
    for title in expected:
        assert title in text


def test_search_page_groups_results_by_kind_with_context_and_links(client_for, manager, world):
    response = client_for(manager).get(PAGE, {"q": "umbrella"})
    body = response.content.decode()
    assert '<h2 id="search-group-deals">Deals</h2>' in body
    assert f'href="/performance/deals/{world.deal.pk}/"' in body
    assert "Acme Systems · Submitted · 25,000 EUR" in page_text(response)
    assert 'id="search-group-partners"' not in body  # no partner is called Umbrella


def test_search_page_portal_user_finds_only_their_own_partners_rows(
    client_for, partner_member, world
):
    client = client_for(partner_member)
    seen = " ".join(
        page_text(client.get(PAGE, {"q": q}))
        for q in ("kowal", "umbrella", "webinar", "globex", "jan", "acme")
    )
    for own in ("Jana Kowalska", "Umbrella Pharma", "Webinar series on data platforms"):
        assert own in seen
    for theirs in ("Kowalczyk", "Umbrella Logistics", "Lyon", "Globex", "globex.example"):
        assert theirs not in seen
    response = client.get(PAGE, {"q": "umbrella"})
    assert f'href="/portal/performance/deals/{world.deal.pk}/"' in response.content.decode()
    assert 'id="search-group-partners"' not in response.content.decode()


def test_search_page_portal_user_never_finds_stakeholder_analysis(
    client_for, partner_member, world
):
    from tests.factories import StakeholderFactory

    StakeholderFactory(contact=world.contact, formal_responsibilities="Owns the budget")
    text = page_text(client_for(partner_member).get(PAGE, {"q": "kowalska"}))
    assert "Jana Kowalska" in text
    for internal in ("Owns the budget", "leverage", "Leverage", "influence"):
        assert internal not in text


def test_search_page_portal_user_does_not_find_people_who_left(client_for, partner_member, world):
    world.contact.left_on = world.contact.created_at.date()
    world.contact.save()
    assert "Jana Kowalska" not in page_text(client_for(partner_member).get(PAGE, {"q": "jana"}))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a name, an email, a customer or a claim reference to search."),
        ("   ", "Type a name, an email, a customer or a claim reference to search."),
        ("a", "Type at least 2 characters to search."),
    ],
)
def test_search_page_too_short_a_query_says_so(client_for, manager, world, query, message):
    response = client_for(manager).get(PAGE, {"q": query})
    assert response.status_code == 200
    assert message in page_text(response)
    assert "search-group" not in response.content.decode()


def test_search_page_a_very_long_query_is_shortened_and_says_so(client_for, manager, world):
    response = client_for(manager).get(PAGE, {"q": "umbrella " + "x" * 400})
    assert response.status_code == 200
    assert "Only the first 100 characters of your search were used." in page_text(response)


def test_search_page_nothing_found_says_so(client_for, manager, world):
    text = page_text(client_for(manager).get(PAGE, {"q": "zzyzx"}))
    assert "Nothing matches “zzyzx”." in text


def test_search_page_as_page_fragment_and_dropdown(client_for, manager, world):
    client = client_for(manager)
    page = client.get(PAGE, {"q": "umbrella"}).content.decode()
    assert "<html" in page and 'id="search-results"' in page and 'id="search-page-form"' in page
    fragment = client.get(PAGE, {"q": "umbrella"}, **PAGE_FRAGMENT).content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="search-results"')
    assert "Umbrella Pharma" in fragment
    dropdown = client.get(PAGE, {"q": "umbrella"}, **DROPDOWN).content.decode()
    assert "<html" not in dropdown and 'id="search-results"' not in dropdown
    assert 'class="search-group-label"' in dropdown and "Umbrella Pharma" in dropdown
    assert 'href="/search/?q=umbrella"' in dropdown  # all results, on the page
    assert client.get(PAGE, {"q": ""}, **DROPDOWN).content.decode().strip() == ""
    short = client.get(PAGE, {"q": "u"}, **DROPDOWN).content.decode()
    assert "Type at least 2 characters to search." in short


def test_search_page_more_links_to_the_kinds_list_or_the_kind_alone(client_for, manager, world):
    for n in range(12):
        PartnerFactory(name=f"Umbrella Group {n:02d}")
        ContactFactory(partner=world.deal.partner, first_name="Umbra", last_name=f"Nr {n:02d}")
    client = client_for(manager)
    body = client.get(PAGE, {"q": "umb"}).content.decode()
    assert 'href="/partners/?q=umb"' in body  # the partner list filters by the same words
    assert 'href="/search/?q=umb&amp;kind=people"' in body
    alone = client.get(PAGE, {"q": "umb", "kind": "people"})
    assert page_text(alone).count("Umbra Nr") == 12
    assert 'id="search-group-deals"' not in alone.content.decode()
    dropdown = client.get(PAGE, {"q": "umb"}, **DROPDOWN).content.decode()
    assert dropdown.count('class="search-hit"') == 5 * 2 + 2  # 5 partners, 5 people, 2 deals


def test_search_page_refuses_other_methods(client_for, manager):
    assert client_for(manager).post(PAGE, {"q": "acme"}).status_code == 405


def test_search_page_needs_a_side(client_for, db):
    assert client_for(UserFactory(role="")).get(PAGE, {"q": "acme"}).status_code == 403


def test_search_page_needs_a_login(client, db):
    response = client.get(PAGE, {"q": "acme"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _counts(count_queries, client, **headers):
    return [
        count_queries(client, f"{PAGE}?q=umbrella", **headers),
        count_queries(client, f"{PAGE}?q=umbrella&kind=deals", **headers),
    ]


def test_search_query_count_is_constant_in_data_size(
    client_for, api_for, manager, partner_member, partner, other_partner, world, count_queries
):
    staff = client_for(manager)
    small = _counts(count_queries, staff) + _counts(count_queries, staff, **DROPDOWN)
    small_api = count_queries(api_for(manager), f"{API}?q=umbrella")
    grow(partner, other_partner, count=15)
    large = _counts(count_queries, staff) + _counts(count_queries, staff, **DROPDOWN)
    assert large == small
    assert count_queries(api_for(manager), f"{API}?q=umbrella") == small_api
    portal = client_for(partner_member)
    before = _counts(count_queries, portal)
    grow(partner, other_partner, count=10)
    assert _counts(count_queries, portal) == before
    # One query per kind: the staff page runs four, the portal's three.
    assert small[0] - before[0] == 1


def test_topbar_search_is_on_every_page_and_runs_no_query(client_for, manager, partner_member):
    for user, url in ((manager, "/"), (partner_member, "/portal/")):
        body = client_for(user).get(url).content.decode()
        assert '<form class="topbar-search" method="get" action="/search/"' in body
        assert 'hx-get="/search/"' in body and 'hx-target="#topbar-search-results"' in body
    request = RequestFactory().get("/")
    request.user = manager
    with CaptureQueriesContext(connection) as queries:
        render_to_string("components/topbar_search.html", {"request": request})
    assert len(queries) == 0


def test_topbar_search_keeps_the_query_on_the_search_page(client_for, manager, world):
    body = client_for(manager).get(PAGE, {"q": "umbrella"}).content.decode()
    assert 'id="topbar-search-q" type="search" name="q"' in body
    assert 'value="umbrella"' in body


# --- the API --------------------------------------------------------------------------------


def _titles(response) -> dict[str, list[str]]:
    return {g["kind"]: [r["title"] for r in g["results"]] for g in response.json()["groups"]}


def test_search_api_groups_results_for_staff(api_for, manager, world):
    response = api_for(manager).get(API, {"q": "umbrella"})
    assert response.status_code == 200
    assert response.json()["query"] == "umbrella"
    titles = _titles(response)
    assert list(titles) == ["partners", "people", "deals", "claims"]
    assert sorted(titles["deals"]) == ["Umbrella Logistics", "Umbrella Pharma"]
    deal = next(g for g in response.json()["groups"] if g["kind"] == "deals")["results"]
    assert {r["url"] for r in deal} >= {f"http://testserver/performance/deals/{world.deal.pk}/"}


def test_search_api_scopes_a_partner_user_to_their_partner(api_for, partner_member, world):
    api = api_for(partner_member)
    found = {q: _titles(api.get(API, {"q": q})) for q in ("kowal", "umbrella", "webinar")}
    assert found["kowal"]["people"] == ["Jana Kowalska"]
    assert found["umbrella"]["deals"] == ["Umbrella Pharma"]
    assert found["webinar"]["claims"] == ["Webinar series on data platforms"]
    assert "partners" not in found["kowal"]
    assert api.get(API, {"q": "globex"}).json()["groups"][0]["results"] == []
    assert api.get(API, {"q": "acme", "kind": "partners"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "q", "Type at least 2 characters to search."),
        ({"q": ""}, "q", "Type at least 2 characters to search."),
        ({"q": "a"}, "q", "Type at least 2 characters to search."),
        ({"q": " a  "}, "q", "Type at least 2 characters to search."),
        ({"q": "x" * 101}, "q", "A search is at most 100 characters."),
        ({"q": "acme", "kind": "stakeholders"}, "kind", "Choose one of"),
        ({"q": "acme", "limit": "0"}, "limit", ""),
        ({"q": "acme", "limit": "51"}, "limit", ""),
        ({"q": "ac\x00me"}, "q", ""),
    ],
)
def test_search_api_bad_queries_answer_400_at_the_field(api_for, manager, params, field, message):
    response = api_for(manager).get(API, params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert message in response.json()[field][0]


def test_search_api_limit_and_kind(api_for, manager, world):
    response = api_for(manager).get(API, {"q": "umbrella", "kind": "deals", "limit": 1})
    (group,) = response.json()["groups"]
    assert (group["kind"], len(group["results"]), group["has_more"]) == ("deals", 1, True)
    assert group["more_url"] == "http://testserver/search/?q=umbrella&kind=deals"


def test_search_api_refuses_other_methods_and_strangers(api_for, manager, db):
    assert api_for(manager).post(API, {"q": "acme"}).status_code == 405
    assert api_for(None).get(API, {"q": "acme"}).status_code in (401, 403)
    assert api_for(UserFactory(role="")).get(API, {"q": "acme"}).status_code == 403


# --- PostgreSQL: full text, ranking and the GIN indexes ---------------------------------------


@pytest.mark.parametrize(
    ("selector", "index"),
    [
        ("partners.selectors.search.search_partners", "partner_search_idx"),
        ("partners.selectors.search.search_contacts", "contact_search_idx"),
        ("performance.selectors.search.search_deals", "deal_search_idx"),
        ("incentives.selectors.search.search_claims", "inc_claim_search_idx"),
    ],
)
def test_search_uses_its_gin_index_on_postgresql(manager, selector, index):
    require_postgresql()
    from importlib import import_module

    module, name = selector.rsplit(".", 1)
    queryset = getattr(import_module(module), name)(user=manager, terms=SearchTerms.parse("acm"))
    with connection.cursor() as cursor:
        # Whatever the statistics of the moment: no sequential or plain index scan and no
        # nested loop (whose inner side may probe a foreign key's index) leaves each table a
        # bitmap scan on a condition of its own, and the search's GIN index is the one that fits.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_nestloop"):
            cursor.execute(f"SET LOCAL {setting} = off")
    assert index in queryset.explain()


def test_search_contacts_full_text_matches_word_prefixes_on_postgresql(manager, partner):
    require_postgresql()
    ContactFactory(partner=partner, first_name="Jana", last_name="Kowalska", title="CTO")
    found = search_contacts(user=manager, terms=SearchTerms.parse("owalsk"))
    assert list(found) == []  # a word's start, not its middle
    found = search_contacts(user=manager, terms=SearchTerms.parse("kowa jan"))
    assert [c.last_name for c in found] == ["Kowalska"]


def _search_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "partners_partner")
    return {name for name in constraints if name.endswith("_search_idx")}


def test_add_search_index_is_a_no_op_off_postgresql():
    class Editor:
        connection = type("Connection", (), {"vendor": "sqlite"})()

        def __getattr__(self, name):
            raise AssertionError(f"the schema editor was asked to {name}")

    operation = AddSearchIndex("partner", name="partner_search_idx", fields=[("name", "A")])
    operation.database_forwards("partners", Editor(), None, None)
    operation.database_backwards("partners", Editor(), None, None)
    assert operation.describe().endswith("(PostgreSQL only)")


def test_add_search_index_is_reversible_on_postgresql(db):
    require_postgresql()
    state = ProjectState.from_apps(apps)
    operation = AddSearchIndex(
        "partner", name="partner_search_idx", fields=[("name", "A"), ("website", "B")]
    )
    assert _search_indexes() == {"partner_search_idx"}
    with connection.schema_editor(atomic=False) as editor:
        operation.database_backwards("partners", editor, state, state)
    assert _search_indexes() == set()
    with connection.schema_editor(atomic=False) as editor:
        operation.database_forwards("partners", editor, state, state)
    assert _search_indexes() == {"partner_search_idx"}
