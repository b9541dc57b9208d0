from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from performance.imports import import_actuals
from performance.models import Actual, ActualsImport
from performance.services.targets import actuals_import_create
from tests.performance.targets_factories import ActualFactory, metric

pytestmark = pytest.mark.django_db
HEADER = "partner,year,quarter,metric,value\n"


def _csv(*rows) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def test_import_actuals_clean_file_writes_all(partner, other_partner):
    result = import_actuals(_csv("acme-systems,2026,1,revenue,1000",
                                 "globex-networks,2026,,new-customers,12"))  # fmt: skip
    assert result.ok and result.written == 2
    assert Actual.objects.get(partner=other_partner, quarter=None).value == 12
    assert Actual.objects.get(partner=partner).source == "imported"


def test_import_actuals_reimport_changes_nothing(partner):
    content = _csv("acme-systems,2026,1,revenue,1000")
    import_actuals(content)
    before = Actual.objects.get().updated_at
    result = import_actuals(content)
    assert result.ok and result.written == 0
    assert Actual.objects.get().updated_at == before


def test_import_actuals_updates_changed_value(partner):
    ActualFactory(partner=partner, year=2026, quarter=1, value=5)
    assert import_actuals(_csv("acme-systems,2026,1,revenue,6")).written == 1
    assert Actual.objects.get().value == 6


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("nobody,2026,1,revenue,5", "Unknown partner"),
        ("acme-systems,1066,1,revenue,5", "Bad period"),
        ("acme-systems,2026,5,revenue,5", "Bad period"),
        ("acme-systems,2026,1,happiness,5", "Unknown metric"),
        ("acme-systems,2026,1,revenue,lots", "not a number"),
        ("acme-systems,2026,1,revenue,-5", "Negative value"),
    ],
)
def test_import_actuals_row_error_commits_nothing(partner, row, message):
    result = import_actuals(_csv("acme-systems,2026,2,revenue,5", row))
    assert not result.ok
    assert result.errors[0].row == 3 and message in result.errors[0].message
    assert not Actual.objects.exists()


def test_import_actuals_duplicate_row(partner):
    result = import_actuals(_csv("acme-systems,2026,1,revenue,5", "acme-systems,2026,1,revenue,6"))
    assert [(error.row, error.message) for error in result.errors] == [(3, "Duplicate of row 2.")]
    assert not Actual.objects.exists()


def test_import_actuals_wrong_encoding(partner):
    result = import_actuals(
        "partner,year,quarter,metric,value\nacmé,2026,1,revenue,5\n".encode("latin-1")
    )
    assert "UTF-8" in result.errors[0].message and not Actual.objects.exists()


def test_import_actuals_wrong_columns(partner):
    result = import_actuals(b"partner,period,value\nacme-systems,2026,5\n")
    assert "Columns must be" in result.errors[0].message


def test_import_actuals_reports_every_row(partner):
    result = import_actuals(_csv("nobody,2026,1,revenue,5", "acme-systems,2026,1,revenue,x"))
    assert [error.row for error in result.errors] == [2, 3]


def test_import_actuals_command_success(partner, tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_bytes(_csv("acme-systems,2026,1,revenue,1000"))
    out = StringIO()
    call_command("import_actuals", str(path), stdout=out)
    assert "1 rows valid, 1 changed" in out.getvalue()
    assert Actual.objects.get().value == 1000


def test_import_actuals_command_errors_commit_nothing(partner, tmp_path):
    path = tmp_path / "actuals.csv"
    path.write_bytes(_csv("acme-systems,2026,1,revenue,1000", "nobody,2026,1,revenue,5"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_actuals", str(path), stderr=err)
    assert "row 3: Unknown partner" in err.getvalue() and not Actual.objects.exists()


def test_actuals_import_task_records_progress_and_report(
    manager, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = actuals_import_create(
            actor=manager, filename="a.csv", content=_csv("acme-systems,2026,1,revenue,9")
        )
    record.refresh_from_db()
    assert record.status == ActualsImport.Status.DONE
    assert (record.total_rows, record.processed_rows, record.written_rows) == (1, 1, 1)
    assert record.progress_percent == 100 and metric().actuals.count() == 1


@pytest.mark.parametrize(
    "value",
    ["1E+999999", "99999999999999999999", "12.345", "NaN", "Infinity"],
)
def test_import_actuals_refuses_values_the_database_cannot_keep(partner, value):
    result = import_actuals(_csv(f"acme-systems,2026,1,revenue,{value}"))
    assert [(error.row, error.column) for error in result.errors] == [(2, "value")]
    assert not Actual.objects.exists()
