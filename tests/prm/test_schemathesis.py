"""The API does what its schema says, for each kind of user: schemathesis generates requests from
the schema served to that user (GET /api/schema/) and sends them to the WSGI app in-process,
authenticated with the user's token, over the demo data. No answer may be a server error, and
every answer must match the schema (status code and body).

Bounded and derandomized so it is fast and stable in CI: a few examples per operation, the same
ones every run."""

import io
import os
from contextlib import contextmanager

import pytest
import schemathesis
import yaml
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from prm import demo
from prm.models import User
from prm.wsgi import application

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@contextmanager
def wsgi_keeps_the_test_connection():
    """Each in-process request starts and ends with `close_old_connections`, which would close
    the test's database connection (and its transaction: on PostgreSQL, a connection inside a
    transaction is 'unusable' to it) after the first call. (Django's test client reconnects
    them after each of its requests: so this wraps only the WSGI calls.)"""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def demo_data(db):
    state = demo.DemoState(partners=4, seed=7, password="demo-password-1", stdout=io.StringIO())
    demo.seed_all(state)


def schema_for(user):
    token, _ = Token.objects.get_or_create(user=user)
    headers = {"Authorization": f"Token {token.key}"}
    response = APIClient().get("/api/schema/", HTTP_AUTHORIZATION=headers["Authorization"])
    assert response.status_code == 200
    raw = yaml.safe_load(response.content)
    return schemathesis.openapi.from_dict(raw), headers


def run_every_operation(schema, headers) -> tuple[int, list[str]]:
    operations, failures = 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def call(case):
            response = case.call(base_url="http://testserver", app=application, headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            call()
        except (Exception, BaseExceptionGroup) as error:  # report every failing operation
            failures.append(f"{operation.label}: {str(error)[:1500]}")
    return operations, failures


@pytest.mark.parametrize("username", ["manager", "portal-a"], ids=["staff", "partner_user"])
def test_the_api_keeps_its_schema(demo_data, username):
    schema, headers = schema_for(User.objects.get(username=username))
    with wsgi_keeps_the_test_connection():
        operations, failures = run_every_operation(schema, headers)
    assert operations > 10
    assert not failures, f"{len(failures)} of {operations} operations:\n\n" + "\n\n".join(failures)
