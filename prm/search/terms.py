"""What the user typed, and how it finds rows: full-text search on PostgreSQL, `icontains` on
SQLite. Both match every word of the query (in any of the fields), so "jan kow" finds
Jan Kowalski; on PostgreSQL each word is a prefix ("acm" finds Acme) and rows are ranked by
where the words matched (a name counts more than a description)."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections, router
from django.db.models import Case, FloatField, Q, QuerySet, Value, When

MIN_LENGTH = 2
MAX_LENGTH = 100
# More words than this add nothing a person would type, only work for the database.
MAX_WORDS = 8
# The text-search configuration: names of people and companies are not English words, so
# nothing is stemmed or dropped as a stop word ("The Channel Company" keeps "the").
CONFIG = "simple"
# Characters with a meaning in PostgreSQL's tsquery syntax: a word never carries them.
TSQUERY_SYNTAX = re.compile(r"[&|!():*<>'\\\s]+")

# (field, weight): weight "A" for names, "B" for identifiers (email, domain, reference), "C"
# for descriptions. The same fields make the GIN expression index (`AddSearchIndex`).
Fields = Sequence[tuple[str, str]]


def _unique(words) -> tuple[str, ...]:
    """The words once each (ignoring case), in the order typed."""
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.casefold(), word)
    return tuple(seen.values())


def search_vector(fields: Fields) -> SearchVector:
    """The weighted document of a row. The query and the GIN index must build it identically,
    or PostgreSQL cannot use the index: both call this."""
    vectors = [SearchVector(name, weight=weight, config=CONFIG) for name, weight in fields]
    return reduce(lambda left, right: left + right, vectors)


@dataclass(frozen=True)
class SearchTerms:
    """A validated query: stripped, at least MIN_LENGTH and at most MAX_LENGTH characters."""

    text: str

    @classmethod
    def parse(cls, text: str) -> "SearchTerms":
        return cls(" ".join(text.split())[:MAX_LENGTH])

    @property
    def words(self) -> tuple[str, ...]:
        return _unique(self.text.split())[:MAX_WORDS]

    def tsquery(self) -> str:
        """Every word as a prefix, all required: `'acm':* & 'sys':*`."""
        words = TSQUERY_SYNTAX.sub(" ", " ".join(self.words)).split()
        return " & ".join(f"'{word}':*" for word in _unique(words))

    def apply(self, queryset: QuerySet, fields: Fields) -> QuerySet:
        """The rows matching every word, annotated with `search_rank` (higher is better); the
        selector orders by `-search_rank`, then by its own order for equal ranks."""
        vendor = connections[router.db_for_read(queryset.model)].vendor
        if vendor == "postgresql":
            return self._full_text(queryset, fields)
        return self._contains(queryset, fields)

    def _full_text(self, queryset, fields):
        tsquery = self.tsquery()
        if not tsquery:
            return queryset.none()
        vector = search_vector(fields)
        query = SearchQuery(tsquery, search_type="raw", config=CONFIG)
        # An alias, not an annotation: the document is matched, never sent back with the rows.
        return (
            queryset.alias(search_document=vector)
            .filter(search_document=query)
            .annotate(search_rank=SearchRank(vector, query))
        )

    def _contains(self, queryset, fields):
        """Every word somewhere in the fields. First the rows with a name that is the query,
        then those with a name starting with it, then with its first word, then the rest."""
        if not self.words:
            return queryset.none()
        names = [name for name, weight in fields if weight == "A"] or [fields[0][0]]
        matches = reduce(
            and_,
            (reduce(or_, (Q(**{f"{name}__icontains": word}) for name, _ in fields))
             for word in self.words),
        )  # fmt: skip
        levels = (("iexact", self.text, 3.0), ("istartswith", self.text, 2.0),
                  ("istartswith", self.words[0], 1.0))  # fmt: skip
        rank = Case(
            *(When(reduce(or_, (Q(**{f"{name}__{lookup}": value}) for name in names)),
                   then=Value(score))
              for lookup, value, score in levels),
            default=Value(0.0), output_field=FloatField(),
        )  # fmt: skip
        return queryset.filter(matches).annotate(search_rank=rank)
