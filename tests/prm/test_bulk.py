"""prm.lib.bulk.bulk_update_rows: each row gets its own values, in one statement per batch
(UPDATE … FROM VALUES on PostgreSQL, bulk_update elsewhere); prm.lib.postgres.session_settings."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prm.lib.bulk import bulk_update_rows
from prm.lib.postgres import session_settings
from tests.factories import UserFactory


@pytest.mark.django_db
def test_each_row_gets_its_own_values_text_dates_nulls_and_booleans():
    users = [UserFactory(first_name="Old", is_active=True) for _ in range(5)]
    moment = timezone.now() - datetime.timedelta(days=3)
    for i, user in enumerate(users):
        user.first_name = f"Ana {i} O'Neil"
        user.last_login = None if i % 2 else moment + datetime.timedelta(hours=i)
        user.is_active = i != 3

    with CaptureQueriesContext(connection) as queries:
        assert bulk_update_rows(get_user_model(), users, ["first_name", "last_login",
                                                          "is_active"]) == 5  # fmt: skip
    assert len(queries) == 1

    for i, user in enumerate(users):
        user.refresh_from_db()
        assert user.first_name == f"Ana {i} O'Neil"
        assert user.last_login == (None if i % 2 else moment + datetime.timedelta(hours=i))
        assert user.is_active is (i != 3)


@pytest.mark.django_db
def test_batches_and_nothing_to_do():
    users = [UserFactory() for _ in range(5)]
    for user in users:
        user.first_name = f"N{user.pk}"
    with CaptureQueriesContext(connection) as queries:
        bulk_update_rows(get_user_model(), users, ["first_name"], batch_size=2)
    assert len(queries) == 3
    assert bulk_update_rows(get_user_model(), [], ["first_name"]) == 0
    assert {
        u.first_name for u in get_user_model().objects.filter(pk__in=[u.pk for u in users])
    } == {f"N{u.pk}" for u in users}


@pytest.mark.django_db
def test_session_settings_apply_inside_the_block_only():
    if connection.vendor != "postgresql":
        with (
            CaptureQueriesContext(connection) as queries,
            session_settings(connection, work_mem="64MB"),
        ):
            pass
        assert len(queries) == 0
        return

    def work_mem():
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            return cursor.fetchone()[0]

    before = work_mem()
    with session_settings(connection, work_mem="77MB"):
        assert work_mem() == "77MB"
    assert work_mem() == before
