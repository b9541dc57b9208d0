"""The scoring benchmark command (`make bench-scoring`): wired up, refuses SQLite with a clear
message, and on PostgreSQL prints every figure the targets hold (on a small data set here)."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import InteractionFactory, PartnerFactory, StakeholderFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


def test_makefile_target_runs_the_command_on_postgresql():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^bench-scoring:.*\n\t.*scripts/bench_scoring\.sh", makefile, re.M)
    script = (ROOT / "scripts" / "bench_scoring.sh").read_text()
    assert "postgres://" in script and "manage.py bench_scoring" in script


def test_sqlite_is_refused_with_a_clear_message(monkeypatch):
    from performance.management.commands import bench_scoring

    class SQLite:
        vendor = "sqlite"

    monkeypatch.setattr(bench_scoring, "connection", SQLite())
    with pytest.raises(CommandError, match="runs on PostgreSQL"):
        call_command("bench_scoring", stdout=StringIO())


@pytest.mark.django_db
def test_prints_floor_run_ratio_loop_statements_and_memory():
    if connection.vendor != "postgresql":
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs on PostgreSQL: the scoring benchmark must run there.")
        pytest.skip("the scoring benchmark needs PostgreSQL")
    owner = UserFactory(role="channel_manager")
    for _ in range(4):
        partner = PartnerFactory()
        person = StakeholderFactory(contact__partner=partner, influence=5, owners=[owner])
        InteractionFactory(partner=partner, stakeholders=[person], logged_by=owner)
    out = StringIO()

    call_command("bench_scoring", partners=4, sample=2, repeat=1, stdout=out)

    text = out.getvalue()
    assert "4 partners present" in text
    assert "floor: one aggregating scan of interactions by partner" in text
    assert re.search(r"full scoring as of .*: 4 partners in [\d.]+ s", text)
    assert "ratio to the floor" in text
    assert "same scores as the set-based run: yes" in text
    assert "speed-up of the set-based run" in text
    assert re.search(r"statements: [\d,]+ in all", text)
    assert "peak memory" in text


@pytest.mark.django_db
def test_too_few_partners_in_a_used_database_is_a_clear_error():
    if connection.vendor != "postgresql":
        pytest.skip("the scoring benchmark needs PostgreSQL")
    PartnerFactory()
    with pytest.raises(CommandError, match="fewer than"):
        call_command("bench_scoring", partners=50, stdout=StringIO())
