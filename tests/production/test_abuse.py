"""Abuse: the API throttles anonymous clients (by address) and signed-in users (by account) with a
429 and Retry-After; the admin's sign-in locks a user out from an address after repeated
failures, and logs the lockout."""

import logging

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

LIST = "/api/v1/incidents/"
PASSWORD = "a long pass phrase"


@pytest.fixture
def low_rates(monkeypatch, db):
    """Real throttling (DRF's throttles, the cache) at rates a test can reach; the suite's own are high."""
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "5/min"})
    cache.clear()
    yield
    cache.clear()


def requests_until_refused(client, limit=20, **headers):
    for count in range(1, limit + 1):
        response = client.get(LIST, **headers)
        if response.status_code != 200:
            return count, response
    return limit, None


def test_an_anonymous_client_is_throttled_with_retry_after(client, low_rates):
    count, refused = requests_until_refused(client)
    assert count == 4
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Request was throttled.")


def test_each_address_has_its_own_allowance(client, low_rates):
    assert requests_until_refused(client, REMOTE_ADDR="192.0.2.1")[1].status_code == 429
    assert client.get(LIST, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, low_rates, monkeypatch):
    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)  # TRUSTED_PROXY_COUNT=1
    _, refused = requests_until_refused(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert refused.status_code == 429
    assert client.get(LIST, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_a_signed_in_user_has_a_larger_allowance_of_their_own(client, low_rates):
    client.force_login(User.objects.create_user("reader", password=PASSWORD))
    count, refused = requests_until_refused(client)
    assert count == 6 and refused.status_code == 429
    assert "Retry-After" in refused


@pytest.fixture
def curator(db):
    return User.objects.create_superuser("curator", "curator@example.org", PASSWORD)


@pytest.fixture
def axes_log():
    """What django-axes logs (its logger does not propagate to the root, where caplog listens)."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("axes")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def sign_in(client, password, username="curator", address="203.0.113.5"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_user_out_from_that_address(client, curator, axes_log, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    right_password = sign_in(client, PASSWORD)
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session
    lockouts = [record.getMessage() for record in axes_log if "Locking out" in record.getMessage()]
    assert lockouts and 'username: "curator"' in lockouts[0] and 'ip_address: "203.0.113.5"' in lockouts[0]


def test_the_lockout_holds_only_that_user_at_that_address(client, curator, db):
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429
    assert sign_in(client, PASSWORD, address="203.0.113.99").status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, username="editor").status_code == 302


def test_a_right_password_before_the_limit_signs_in_and_resets_the_count(client, curator):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200
