"""Insert what was generated for partners in rounds: model rows through bulk_create, the
million narrow rows (interactions and many-to-many links) through COPY on PostgreSQL and plain
multi-row INSERTs on SQLite."""

import datetime
import io

from django.db import connection
from django.utils import timezone

from ..models import (
    EngagementAction,
    Interaction,
    RelationshipObjective,
    RelationshipPlan,
    Stakeholder,
)
from .generate import PartnerPlan

INTERACTION_COLUMNS = ["partner_id", "occurred_on", "channel", "sentiment", "notes", "logged_by_id"]


def insert(plans: list[PartnerPlan]) -> dict:
    analysed = [p for plan in plans for p in plan.people if p.analysis is not None]
    Stakeholder.objects.bulk_create([p.analysis for p in analysed], batch_size=500)
    Owners = Stakeholder.owners.through
    Owners.objects.bulk_create(
        [Owners(stakeholder_id=p.analysis.pk, user_id=u) for p in analysed for u in p.owners],
        batch_size=2000,
    )
    rows = {"stakeholders": len(analysed)}
    rows.update(_insert_plans_and_engagement(plans))
    return rows


def _insert_plans_and_engagement(plans: list[PartnerPlan]) -> dict:
    relationship_plans = [pair for p in plans for pair in p.plans]
    RelationshipPlan.objects.bulk_create([plan for plan, _ in relationship_plans], batch_size=500)
    _insert_rows(
        RelationshipPlan.related_stakeholders.through, ["relationshipplan_id", "stakeholder_id"],
        [(plan.pk, other.analysis.pk) for plan, related in relationship_plans for other in related],
    )  # fmt: skip
    actions = [pair for p in plans for pair in p.actions]
    EngagementAction.objects.bulk_create([action for action, _ in actions], batch_size=500)
    _insert_rows(
        EngagementAction.stakeholders.through, ["engagementaction_id", "stakeholder_id"],
        [(action.pk, person.analysis.pk) for action, who in actions for person in who],
    )  # fmt: skip
    objectives = [o for p in plans for o in p.objectives]
    RelationshipObjective.objects.bulk_create(objectives, batch_size=500)
    rows = [row for p in plans for row in p.interactions]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ids = _insert_rows(
        Interaction, [*INTERACTION_COLUMNS, "created_at", "updated_at"],
        [(*row[:-1], now, now) for row in rows], returning=True,
    )  # fmt: skip
    with_whom = list(zip(ids, (row[-1] for row in rows), strict=True))
    _insert_rows(
        Interaction.contacts.through, ["interaction_id", "contact_id"],
        [(pk, person.contact_id) for pk, people in with_whom for person in people],
    )  # fmt: skip
    _insert_rows(
        Interaction.stakeholders.through, ["interaction_id", "stakeholder_id"],
        [(pk, p.analysis.pk) for pk, people in with_whom for p in people if p.analysis],
    )  # fmt: skip
    return {
        "relationship plans": len(relationship_plans),
        "engagement actions": len(actions),
        "relationship objectives": len(objectives),
        "interactions": len(rows),
    }


def _insert_rows(model, columns: list, rows: list, *, returning=False) -> list[int]:
    """Insert plain rows fast: COPY on PostgreSQL, multi-row INSERTs on SQLite (bulk_create
    prepares every value of a million interactions through the ORM, ten times slower).
    Returns the new ids in row order when asked."""
    if not rows:
        return []
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        if connection.vendor == "postgresql":
            return _copy_rows(cursor, model, columns, rows, returning=returning)
        return _insert_statements(cursor, model, columns, rows, returning=returning)
    finally:
        cursor.close()


def _copy_rows(cursor, model, columns, rows, *, returning) -> list[int]:
    """COPY … FROM STDIN in rounds of 100,000 rows. Ids, when asked, are drawn from the table's
    sequence first (in row order) and copied with the rows."""
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    ids = []
    if returning:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                       "FROM generate_series(1, %s)", [table, pk, len(rows)])  # fmt: skip
        ids = [row[0] for row in cursor.fetchall()]
        rows = [(pk_value, *row) for pk_value, row in zip(ids, rows, strict=True)]
        columns = [pk, *columns]
    sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    for start in range(0, len(rows), COPY_ROUND):
        text = "".join(
            "\t".join(map(_copy_text, row)) + "\n" for row in rows[start : start + COPY_ROUND]
        )
        cursor.copy_expert(sql, io.StringIO(text))
    return ids


COPY_ROUND = 100_000
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # dates and aware datetimes
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def _insert_statements(cursor, model, columns, rows, *, returning) -> list[int]:
    """Multi-row INSERTs under SQLite's 32,766 parameters. Autoincrement ids grow with the rows
    of one statement, so sorting what RETURNING gives back puts them in row order."""
    quote = connection.ops.quote_name
    row_sql = f"({', '.join(['?'] * len(columns))})"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    per_statement = 30000 // len(columns)
    ids = []
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, _flat(batch))
        if returning:
            ids.extend(sorted(row[0] for row in cursor.fetchall()))
    return ids


def _flat(batch: list) -> list:
    adapt = connection.ops.adapt_datefield_value
    return [adapt(v) if type(v) is datetime.date else v for row in batch for v in row]
