"""A Redis cache that degrades to a miss when Redis is unreachable.

The cache only ever holds what can be computed again (counts, throttle history, copies of
sessions whose truth is in the database), so an outage costs speed, never a page: every read
answers its default, every write is dropped, and a warning is logged. Short socket timeouts
(in OPTIONS, see settings) keep a dead Redis from holding requests up.
"""

import functools
import hashlib
import logging

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import connection
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _degrade(fallback):
    """Run the wrapped operation; if Redis is unreachable, log it and answer `fallback(args)`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("Cache unavailable (%s): %s is a miss", error, method.__name__)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, version=None):
    return default


def _key_missing(key, delta=1, version=None):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a redis.Redis object for every cache operation (its constructor
    sets up some 170 response callbacks, ~0.1 ms); one per connection pool serves them all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """django's RedisCache, except that Redis being down is a cache miss, not an error."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    @_degrade(lambda *args, **kwargs: False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_degrade(_default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_degrade(lambda *args, **kwargs: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_degrade(lambda *args, **kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_degrade(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_degrade(lambda *args, **kwargs: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_degrade(lambda *args, **kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_degrade(_key_missing)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_degrade(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_degrade(lambda *args, **kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_degrade(lambda *args, **kwargs: False)
    def clear(self):
        return super().clear()


# --- Results kept while the tables they read are unchanged -----------------------------------

STAMPED_RESULT_SECONDS = 60 * 60


def tables_stamp(*models) -> tuple:
    """What changes whenever a row of these tables is added, saved or deleted, read in one
    query: per table its row count, latest `updated_at` and, for versioned rows, the sum of
    their versions (every save adds one, so an edit that commits after a later one still
    changes it). A write that bypasses save() (QuerySet.update) is seen only if it sets
    `updated_at` or `version`."""
    quote = connection.ops.quote_name
    summaries = []
    for index, model in enumerate(models):
        versioned = any(field.name == "version" for field in model._meta.concrete_fields)
        summary = "COUNT(*), MAX(updated_at)" + (", SUM(version)" if versioned else "")
        summaries.append(f"(SELECT {summary} FROM {quote(model._meta.db_table)}) AS t{index}")
    with connection.cursor() as cursor:
        # One pass over each table: a join of one-row summaries.
        cursor.execute(f"SELECT * FROM {', '.join(summaries)}")
        return tuple(cursor.fetchone())


def cached_while_unchanged(key: str, models, compute, *, timeout: int = STAMPED_RESULT_SECONDS):
    """`compute()`, or the result it gave while none of `models`' tables has changed since.

    For the aggregates a page computes from whole tables (a portfolio sorted by a computed
    value, a dashboard's totals): one small query instead of the scan while nothing changed,
    and the live result on the first view after any change. Results must pickle and be small
    (ids and figures rather than thousands of model instances)."""
    digest = hashlib.blake2b(repr(tables_stamp(*models)).encode(), digest_size=12).hexdigest()
    return cache.get_or_set(f"stamped:{key}:{digest}", compute, timeout)
