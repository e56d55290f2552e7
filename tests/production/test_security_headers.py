"""Every response, pages, admin and API alike, carries the security headers, and no policy lets an
inline script run without this response's nonce."""

import re

import pytest
from django.contrib.auth.models import User

PAGES = [
    "/",
    "/map/",
    "/actors/",
    "/sources/",
    "/crossings/",
    "/healthz",
    "/no-such-page/",
    "/admin/login/",
    "/admin/",
    "/admin/events/incident/",
    "/api/v1/",
    "/api/v1/incidents/",
    "/api/v1/incidents/?format=csv",
    "/api/v1/incidents/?format=api",
    "/api/v1/no-such-endpoint/",
    "/api/schema/",
    "/api/docs/",
    "/api/redoc/",
]


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("curator", "curator@example.org", "a long pass phrase"))
    return client


def policy(response):
    return dict((directive.split(" ", 1) + [""])[:2] for directive in response["Content-Security-Policy"].split("; "))


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(editor_client, path):
    response = editor_client.get(path, secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    directives = policy(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_api_readers_inline_code_runs_only_with_the_nonce_of_its_response(client, db, path):
    response = client.get(path)
    nonce = re.search(r"'nonce-([^']+)'", policy(response)["script-src"]).group(1)
    html = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts, "the reader has inline set-up code"
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline_scripts)
    assert client.get(path).content.decode().count(nonce) == 0, "each response has a nonce of its own"


def test_site_pages_allow_no_inline_style_and_api_pages_only_inline_style(client, db):
    assert policy(client.get("/"))["style-src"] == "'self'"
    assert policy(client.get("/admin/login/"))["style-src"] == "'self'"
    assert policy(client.get("/api/docs/"))["style-src"] == "'self' 'unsafe-inline'"
    assert policy(client.get("/api/v1/incidents/?format=api"))["style-src"] == "'self' 'unsafe-inline'"
    assert policy(client.get("/api/v1/incidents/"))["style-src"] == "'self'"  # JSON is not a page
