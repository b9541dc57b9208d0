"""The actuals import as a background job: bad files, unexpected errors and a broker outage
all end in "failed" with the reason on the page, never stuck "running" or "pending"; a task
run twice (redelivered after a worker died) changes nothing more than once."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from kombu.exceptions import OperationalError

from performance import imports
from performance.models import Actual, ActualsImport
from performance.services.targets import (
    actuals_import_create,
    actuals_import_retry,
    actuals_import_run,
)
from performance.tasks import run_actuals_import
from prm.celery import app as celery_app
from prm.lib.jobs import QUEUE_UNAVAILABLE
from tests.helpers import page_text

pytestmark = pytest.mark.django_db
HEADER = "partner,year,quarter,metric,value\n"
GOOD = (HEADER + "acme-systems,2026,1,revenue,9\nacme-systems,2026,2,revenue,10\n").encode()

# The four files that used to leave the import "running" forever.
BAD_FILES = {
    "numeric overflow": (HEADER + "acme-systems,2026,1,revenue,99999999999999999999\n", "value"),
    "huge exponent": (HEADER + "acme-systems,2026,1,revenue,1E+999999\n", "value"),
    "128 KB field": (HEADER + "acme-systems,2026,1,revenue," + "9" * 131_100 + "\n", ""),
    "NUL byte": (
        HEADER + "acme-systems,2026,1,reve\x00nue,5\n",
        "",
    ),  # refused at its line, before any cell is read
}


def _import(manager, content, django_capture_on_commit_callbacks) -> ActualsImport:
    with django_capture_on_commit_callbacks(execute=True):
        record = actuals_import_create(actor=manager, filename="a.csv", content=content)
    record.refresh_from_db()
    return record


def _status_page(client_for, manager, record):
    url = reverse("performance:actual-import-status", args=[record.pk])
    return page_text(client_for(manager).get(url))


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_file_fails_with_the_reason_shown(
    name, client_for, manager, partner, django_capture_on_commit_callbacks
):
    text, column = BAD_FILES[name]

    record = _import(manager, text.encode(), django_capture_on_commit_callbacks)

    assert record.status == ActualsImport.Status.FAILED
    assert [error["column"] for error in record.errors] == [column]
    assert not record.job_failure and not Actual.objects.exists()
    page = _status_page(client_for, manager, record)
    assert "Nothing was imported" in page and record.errors[0]["message"][:40] in page


def test_unexpected_error_fails_with_a_reason_and_a_retry(
    client_for, manager, partner, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(imports, "import_actuals", explode)

    record = _import(manager, GOOD, django_capture_on_commit_callbacks)

    assert record.status == ActualsImport.Status.FAILED
    assert "unexpected error (RuntimeError)" in record.job_failure
    assert "disk on fire" in caplog.text and "Traceback" in caplog.text
    page = _status_page(client_for, manager, record)
    assert "unexpected error" in page and "Try again" in page


def test_broker_down_fails_cleanly_with_a_retry(
    client_for, manager, partner, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(run_actuals_import, "apply_async", broker_down)
    client = client_for(manager)
    upload = SimpleUploadedFile("a.csv", GOOD)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("performance:actual-import"), {"file": upload})

    record = ActualsImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("performance:actual-import-status", args=[record.pk])
    assert record.status == ActualsImport.Status.FAILED and record.job_failure == QUEUE_UNAVAILABLE
    page = page_text(client.get(response.url))
    assert QUEUE_UNAVAILABLE in page and "Try again" in page

    monkeypatch.undo()  # the broker is back
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(reverse("performance:actual-import-retry", args=[record.pk]))

    record.refresh_from_db()
    assert retried.status_code == 302 and record.status == ActualsImport.Status.DONE
    assert record.written_rows == 2 and Actual.objects.count() == 2


def test_import_is_enqueued_only_after_commit(manager, partner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        record = actuals_import_create(actor=manager, filename="a.csv", content=GOOD)
        record.refresh_from_db()
        assert record.status == ActualsImport.Status.PENDING

    assert len(callbacks) == 1


def test_retry_only_for_a_job_failure(manager, partner, django_capture_on_commit_callbacks):
    record = _import(manager, BAD_FILES["NUL byte"][0].encode(), django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        actuals_import_retry(actor=manager, upload=record)


def test_retry_view_refuses_others_and_get(
    client_for, manager, partner, partner_admin, django_capture_on_commit_callbacks
):
    record = _import(manager, GOOD, django_capture_on_commit_callbacks)
    url = reverse("performance:actual-import-retry", args=[record.pk])

    assert client_for(partner_admin).post(url).status_code == 403  # staff pages
    assert client_for(manager).get(url).status_code == 405


def test_task_run_twice_gives_the_same_result_as_once(
    manager, partner, django_capture_on_commit_callbacks
):
    record = _import(manager, GOOD, django_capture_on_commit_callbacks)
    actuals = list(Actual.objects.values_list("pk", "value", "updated_at"))

    run_actuals_import(record.pk)  # redelivered after the worker died

    again = ActualsImport.objects.get(pk=record.pk)
    assert (again.status, again.written_rows, again.errors) == ("done", 2, [])
    assert list(Actual.objects.values_list("pk", "value", "updated_at")) == actuals


def test_task_killed_before_the_end_is_run_again_from_the_start(manager, partner):
    # A worker died mid-import: the record says running, no row was committed.
    record = ActualsImport.objects.create(
        uploaded_by=manager, filename="a.csv", content=GOOD,
        status=ActualsImport.Status.RUNNING, processed_rows=1, total_rows=2,
    )  # fmt: skip

    actuals_import_run(import_id=record.pk)

    record.refresh_from_db()
    assert (record.status, record.written_rows, record.processed_rows) == ("done", 2, 2)
    assert Actual.objects.count() == 2


def test_rows_and_done_are_committed_together(manager, partner, monkeypatch):
    record = ActualsImport.objects.create(uploaded_by=manager, filename="a.csv", content=GOOD)
    original_write = imports.ActualsImport._write

    def write_then_die(self, *args, **kwargs):
        original_write(self, *args, **kwargs)
        raise SystemExit("worker killed")  # not an Exception: nothing catches it

    monkeypatch.setattr(imports.ActualsImport, "_write", write_then_die)
    with pytest.raises(SystemExit):
        actuals_import_run(import_id=record.pk)

    record.refresh_from_db()
    assert record.status == ActualsImport.Status.RUNNING and not Actual.objects.exists()


def test_celery_redoes_a_task_whose_worker_died():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.worker_prefetch_multiplier == 1
