"""The column registry through which a higher app adds columns to a lower app's lists
(prm/columns.py): sorting and filtering in SQL, cells read once per page, the filter form."""

import copy
from decimal import Decimal

import pytest
from django import forms
from django.db.models import F, Value

from partners.models import Contact, Partner
from prm import columns
from tests.factories import ContactFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry for the test to change; the real one is restored afterwards."""
    monkeypatch.setattr(columns, "_registry", copy.deepcopy(columns._registry))
    for slot in columns.SLOTS:
        columns._registry[slot].clear()
    return columns._registry


def revenue(partner_path):
    # A value of the partner itself stands for another app's Subquery over OuterRef(path).
    return F("annual_revenue") if partner_path == "pk" else F(f"{partner_path}__annual_revenue")


calls = []


def revenue_cells(partner_ids):
    calls.append(sorted(partner_ids))
    found = Partner.objects.filter(pk__in=partner_ids).values_list("pk", "annual_revenue")
    return {pk: {"revenue": value, "double": value and value * 2} for pk, value in found}


def register_revenue(**options):
    columns.register_column("partner_list", key="revenue", label="Revenue", value=revenue,
                            cells=revenue_cells, template="probe.html", **options)  # fmt: skip


@pytest.fixture
def three():
    return [
        PartnerFactory(name=name, annual_revenue=value)
        for name, value in (("Mid", Decimal(50)), ("Low", Decimal(10)), ("None", None))
    ]  # fmt: skip


def names(queryset):
    return list(queryset.values_list("name", flat=True))


def test_columns_are_ordered_and_a_key_registered_again_replaces(registry):
    columns.register_column("partner_list", key="b", label="B", value=revenue, order=5)
    columns.register_column("partner_list", key="a", label="A", value=revenue, order=5)
    columns.register_column("partner_list", key="c", label="Old", value=revenue, order=1)
    columns.register_column("partner_list", key="c", label="C", value=revenue, order=1)
    assert [(c.key, c.label) for c in columns.columns_for("partner_list")] == [
        ("c", "C"), ("a", "A"), ("b", "B"),
    ]  # fmt: skip
    assert columns.shown_columns("partner_list") == []  # no template: sort and filter only
    assert columns.sort_keys("partner_list") == ["c", "a", "b", "-c", "-a", "-b"]


@pytest.mark.parametrize(
    "options",
    [{"slot": "sidebar"}, {"filters": ("between",)}, {"template": "probe.html"}],
)
def test_a_mistyped_registration_is_an_error(registry, options):
    slot = options.pop("slot", "partner_list")
    with pytest.raises(ValueError):
        columns.register_column(slot, key="x", label="X", value=revenue, **options)


def test_order_sorts_in_sql_both_ways_blanks_last_then_the_lists_own_order(registry, three):
    register_revenue()
    by_name = Partner.objects.order_by("name")
    assert names(columns.order(by_name, "partner_list", "revenue")) == ["Low", "Mid", "None"]
    assert names(columns.order(by_name, "partner_list", "-revenue")) == ["Mid", "Low", "None"]
    assert names(columns.order(by_name, "partner_list", "name")) == ["Low", "Mid", "None"]
    PartnerFactory(name="Another low", annual_revenue=Decimal(10))
    assert names(columns.order(by_name, "partner_list", "revenue"))[:2] == ["Another low", "Low"]


def test_order_follows_a_partner_path_from_other_rows(registry, three):
    register_revenue()
    for partner in three:
        ContactFactory(partner=partner, first_name=partner.name)
    contacts = Contact.objects.order_by("pk")
    ordered = columns.order(contacts, "partner_list", "-revenue", partner="partner")
    assert list(ordered.values_list("first_name", flat=True)) == ["Mid", "Low", "None"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, ["Low", "Mid", "None"]),
        ({"min_revenue": Decimal(20)}, ["Mid"]),
        ({"max_revenue": Decimal(20)}, ["Low"]),
        ({"min_revenue": Decimal(0), "max_revenue": Decimal(100)}, ["Low", "Mid"]),
    ],
)
def test_narrow_filters_in_sql_and_a_row_without_a_value_fails(registry, three, values, expected):
    register_revenue()
    assert names(columns.narrow(Partner.objects.order_by("name"), "partner_list", values)) == (
        expected
    )


def test_moved_and_dropped_compare_a_change_with_zero(registry, three):
    columns.register_column(
        "partner_list", key="delta", label="Δ", value=lambda path: F("annual_revenue") - Value(30),
        filters=("moved", "dropped"), bounds=(-100, 100),
    )  # fmt: skip
    by_name = Partner.objects.order_by("name")
    # Mid +20, Low -20, None: no change known.
    assert names(columns.narrow(by_name, "partner_list", {"moved_delta": Decimal(20)})) == [
        "Low", "Mid",
    ]  # fmt: skip
    assert names(columns.narrow(by_name, "partner_list", {"moved_delta": Decimal(21)})) == []
    assert names(columns.narrow(by_name, "partner_list", {"dropped_delta": True})) == ["Low"]


def test_cells_shared_by_columns_are_read_once_per_page(registry, three):
    calls.clear()
    register_revenue()
    columns.register_column("partner_list", key="double", label="Double", value=revenue,
                            cells=revenue_cells, template="probe.html", order=200)  # fmt: skip
    columns.register_column("partner_list", key="hidden", label="Hidden", value=revenue)
    rows = list(Partner.objects.order_by("name"))
    columns.attach_cells(rows, "partner_list")
    assert calls == [sorted(p.pk for p in three)]
    low = rows[0].column_cells
    assert [(c["column"].key, c["value"]) for c in low] == [
        ("revenue", Decimal(10)), ("double", Decimal(20)),
    ]  # fmt: skip
    assert rows[2].column_cells[0]["value"] is None
    calls.clear()
    columns.attach_cells([], "partner_list")
    assert calls == []  # an empty page reads nothing


def test_cells_and_tables_by_dotted_path_are_imported_when_called(registry, three):
    calls.clear()
    columns.register_column(
        "portfolio", key="revenue", label="Revenue", value=revenue, template="probe.html",
        cells="tests.prm.test_columns.revenue_cells", tables="tests.prm.test_columns.some_tables",
    )  # fmt: skip
    row_cells = columns.load_cells("portfolio", [three[0].pk])
    assert row_cells(three[0].pk)[0]["value"] == Decimal(50)
    assert columns.tables("portfolio") == [Partner]


def some_tables():
    return [Partner, Partner]


class ProbeForm(columns.ColumnFilterForm, forms.Form):
    column_slot = "partner_list"
    q = forms.CharField(required=False)


def test_the_filter_form_adds_each_columns_fields_and_checks_them(registry):
    register_revenue()
    columns.register_column(
        "partner_list", key="delta", label="Δ", value=revenue, filters=("moved", "dropped"),
        bounds=(-100, 100), order=200,
    )  # fmt: skip
    form = ProbeForm({"min_revenue": "70", "max_revenue": "20", "moved_delta": "150", "q": "x"})
    assert not form.is_valid()
    assert list(form.fields) == [
        "q", "min_revenue", "max_revenue", "moved_delta", "dropped_delta",
    ]  # fmt: skip
    assert form.errors["max_revenue"] == ["Can't be below the minimum (70)."]
    assert "moved_delta" not in form.errors  # a change may move up to 200 points
    assert form.column_values() == {"min_revenue": Decimal(70), "moved_delta": Decimal(150)}
    assert form.column_filters_used()
    assert [group["label"] for group in form.column_filter_groups()] == ["Revenue", "Δ"]
    assert not ProbeForm({"q": "x"}).column_filters_used()


def test_cache_key_holds_the_sort_and_filters_in_use_only(registry):
    register_revenue()
    assert columns.cache_key("partner_list", "", {}) == ""
    assert columns.cache_key("partner_list", "-name", {"q": "x"}) == ""
    key = columns.cache_key("partner_list", "-revenue", {"max_revenue": 5, "min_revenue": None})
    assert key == "-revenue,max_revenue=5"


def test_the_partner_list_knows_no_app_without_registered_columns(registry, client_for, manager):
    PartnerFactory(name="Plain")
    content = client_for(manager).get("/partners/", {"sort": "-health"}).content.decode()
    assert "Plain" in content and 'class="column-filters"' not in content
    assert "Health" not in content


def test_performance_registers_the_score_columns():
    assert [c.key for c in columns.shown_columns("partner_list")] == [
        "health", "health_change", "relationship", "performance", "engagement",
    ]  # fmt: skip
    assert [c.key for c in columns.shown_columns("portfolio")] == ["health"]
    assert [c.key for c in columns.columns_for("portfolio")] == [
        "health", "relationship", "performance", "engagement", "health_change",
    ]  # fmt: skip
    assert [model.__name__ for model in columns.tables("portfolio")] == ["ScoreRun"]
