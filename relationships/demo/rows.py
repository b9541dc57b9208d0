"""Insert what was generated for partners in rounds: model rows through bulk_create, the
million narrow rows (interactions and many-to-many links) through plain multi-row INSERTs."""

import datetime

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
    _insert_rows(
        Interaction.stakeholders.through, ["interaction_id", "stakeholder_id"],
        [(pk, who.analysis.pk) for pk, row in zip(ids, rows, strict=True) for who in row[-1]],
    )  # fmt: skip
    return {
        "relationship plans": len(relationship_plans),
        "engagement actions": len(actions),
        "relationship objectives": len(objectives),
        "interactions": len(rows),
    }


def _insert_rows(model, columns: list, rows: list, *, returning=False) -> list[int]:
    """Multi-row INSERTs on the driver's cursor: bulk_create prepares every value of a million
    interactions through the ORM (and logs each statement under DEBUG), ten times slower.
    Returns the new ids in insertion order when asked: autoincrement ids grow with the rows
    of one statement, so sorting what RETURNING gives back puts them in row order."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    placeholder = "?" if connection.vendor == "sqlite" else "%s"
    row_sql = f"({', '.join([placeholder] * len(columns))})"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) VALUES "
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    per_statement = 30000 // len(columns)  # under SQLite's 32,766 parameters
    ids = []
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, _flat(batch))
            if returning:
                ids.extend(sorted(row[0] for row in cursor.fetchall()))
    finally:
        cursor.close()
    return ids


def _flat(batch: list) -> list:
    adapt = connection.ops.adapt_datefield_value
    return [adapt(v) if type(v) is datetime.date else v for row in batch for v in row]
