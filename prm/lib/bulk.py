"""Updating many rows, each with values of its own, in few statements.

Django's `bulk_update` writes one `CASE WHEN id = … THEN …` per row and field: PostgreSQL's
planner takes time quadratic in the rows of a batch (seconds for a few thousand). On PostgreSQL
`bulk_update_rows` sends `UPDATE … FROM (VALUES …)` instead, a join on the primary key; on other
databases it is `bulk_update`.
"""

from django.db import connections, router

BATCH_SIZE = 2000


def bulk_update_rows(model, objs, fields: list[str], *, batch_size: int = BATCH_SIZE) -> int:
    """Write `fields` of each of `objs` (saved instances of `model`); the rows updated."""
    objs = list(objs)
    if not objs:
        return 0
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_update(objs, fields, batch_size=batch_size)
    quote = connection.ops.quote_name
    pk = model._meta.pk
    columns = [model._meta.get_field(name) for name in fields]
    types = [pk.db_type(connection), *(field.db_type(connection) for field in columns)]
    row_sql = "(" + ", ".join(f"%s::{db_type}" for db_type in types) + ")"
    names = ", ".join(quote(f"v_{field.column}") for field in [pk, *columns])
    assignments = ", ".join(f"{quote(field.column)} = v.{quote(f'v_{field.column}')}"
                            for field in columns)  # fmt: skip
    head = f"UPDATE {quote(model._meta.db_table)} AS t SET {assignments} FROM (VALUES "
    tail = f") AS v({names}) WHERE t.{quote(pk.column)} = v.{quote(f'v_{pk.column}')}"
    updated = 0
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params = []
            for obj in batch:
                params.append(pk.get_db_prep_value(obj.pk, connection))
                params.extend(field.get_db_prep_save(getattr(obj, field.attname), connection)
                              for field in columns)  # fmt: skip
            cursor.execute(head + ", ".join([row_sql] * len(batch)) + tail, params)
            updated += cursor.rowcount
    return updated
