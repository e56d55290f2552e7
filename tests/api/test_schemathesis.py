"""Generated requests to every operation, valid and invalid, reads by anyone and writes by an
editor: none gets a server error, and every response matches the schema.

The suite draws the same cases every run (derandomized, a few per operation); `make fuzz` draws
many more, new ones each run (FUZZ_EXAMPLES, FUZZ_RANDOM=1)."""

import os

import pytest
import schemathesis
from django.contrib.auth.models import Group
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"


@pytest.fixture
def editor_token(django_user_model):
    user = django_user_model.objects.create_user("fuzzer", password="secret")
    user.groups.add(Group.objects.get(name="editor"))
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=not RANDOM,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_request_breaks_the_api(case, world, editor_token, connections_kept_open):
    headers = {"Authorization": f"Token {editor_token}"} if case.method != "GET" else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
