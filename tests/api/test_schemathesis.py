"""Generated requests to every endpoint, valid and invalid, by anyone and by an administrator:
none gets a server error, and every response matches the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def connections_kept_open():
    """The start and end of a request must not close the test's database connection (and so its
    transaction), as Django's own test client makes sure; schemathesis calls the WSGI application."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def administrator_token(django_user_model):
    user = django_user_model.objects.create_superuser("fuzzer", password="secret")
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_request_breaks_the_api(case, world, administrator_token, connections_kept_open):
    headers = {"Authorization": f"Token {administrator_token}"} if case.method != "GET" else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
