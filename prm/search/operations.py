"""`AddSearchIndex`: the migration operation that creates a search's GIN expression index on
PostgreSQL and does nothing elsewhere (SQLite has no GIN and searches with `icontains`).

The index is not in the model's `Meta.indexes`: there it would be created on every database.
So the operation changes no migration state (`makemigrations` has nothing to compare), and it
builds the index expression with `search_vector`, as the query does, so the two cannot drift
apart (a PostgreSQL test asserts the planner uses the index)."""

from django.contrib.postgres.indexes import GinIndex
from django.db.migrations.operations.base import Operation

from .terms import Fields, search_vector


class AddSearchIndex(Operation):
    reversible = True
    reduces_to_sql = False

    def __init__(self, model_name: str, name: str, fields: Fields):
        self.model_name = model_name
        self.name = name
        self.fields = [tuple(field) for field in fields]

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "name": self.name, "fields": self.fields}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass

    def _index(self):
        return GinIndex(search_vector(self.fields), name=self.name)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, self._index())

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, self._index())

    def describe(self):
        return f"Create the search index {self.name} on {self.model_name} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.name.lower()}"
