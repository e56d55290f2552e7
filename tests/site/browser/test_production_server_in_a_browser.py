"""The documented production command (`make serve`: gunicorn, whitenoise) on PostgreSQL, after the
documented steps (migrate, collectstatic), opened in Chromium as a reader behind a TLS proxy would."""

import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from psycopg2 import sql

from tests.production.conftest import (
    PYTHON,
    ROOT,
    administer,
    free_port,
    manage,
    production_environment,
    scratch_postgres_url,
)
from tests.site.browser.conftest import PageGuard, finish, open_page

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
SITE = "conflict.example.org"


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    database = scratch_postgres_url("production_server")
    administer(database, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
    administer(database, sql.SQL("CREATE DATABASE {}"))
    port = free_port()
    folder = tmp_path_factory.mktemp("production")
    environment = production_environment(
        database,
        ALLOWED_HOSTS=f"127.0.0.1,localhost,{SITE}",
        STATIC_ROOT=str(folder / "static"),
        CACHE_DIR=str(folder / "cache"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        CSRF_TRUSTED_ORIGINS=f"https://{SITE}",
    )
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput")
    manage(environment, "load_corpus")
    manage(environment, "createsuperuser", "--noinput", "--username", "curator", "--email", "curator@example.org")
    manage(environment, "shell", "-c", SET_PASSWORD)
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"BIN={Path(PYTHON).parent}"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and gunicorn in a process group of their own, stopped together
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, server, folder / "server.log")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        administer(database, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


SET_PASSWORD = (
    "from django.contrib.auth.models import User; "
    "user = User.objects.get(username='curator'); user.set_password('a long pass phrase'); user.save()"
)


def wait_until_up(url, server, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log_path.read_text()}"
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or still starting its workers
            time.sleep(0.5)
    pytest.fail(f"the server did not answer in {seconds} s:\n{log_path.read_text()}")


@pytest.fixture
def reader(request, browser):
    guard = PageGuard()
    context, page = open_page(browser, guard, width=1280)
    context.set_extra_http_headers(PROXY_HEADERS)
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    yield page
    finish(request, context, page, guard)
    assert failed == []


def stylesheets_loaded(page):
    """Whether every stylesheet the page links loaded with rules in it (and there is at least one)."""
    links = "[...document.querySelectorAll('link[rel=stylesheet]')]"
    loaded = page.evaluate(f"{links}.map(link => link.sheet !== null && link.sheet.cssRules.length > 0)")
    return bool(loaded) and all(loaded)


def test_the_timeline_is_styled_and_draws_its_chart(production_server, reader):
    reader.goto(production_server + "/")
    assert stylesheets_loaded(reader)
    reader.wait_for_selector("#incident-chart[data-drawn]", timeout=15_000)
    assert reader.evaluate("document.getElementById('incident-chart').chart.data.datasets.length") > 0


def test_the_map_draws_its_outlines_and_markers(production_server, reader):
    reader.goto(production_server + "/map/")
    assert stylesheets_loaded(reader)
    reader.wait_for_selector(".map[data-ready=true]", timeout=15_000)
    expect(reader.locator(".leaflet-marker-icon").first).to_be_visible(timeout=5_000)
    assert reader.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 0


def test_an_actor_page_draws_its_network_graph(production_server, reader):
    reader.goto(production_server + "/actors/ttp/")
    reader.wait_for_selector("#network-graph[data-drawn]", timeout=15_000)
    assert reader.evaluate("document.getElementById('network-graph').cy.nodes().length") > 1


def test_static_files_are_compressed_hashed_and_cached_for_a_year(production_server):
    page = fetch(production_server + "/").read().decode()
    stylesheet = re.search(r'rel="stylesheet" href="(/static/site/site\.[0-9a-f]{12}\.css)"', page)[1]
    response = fetch(production_server + stylesheet, {"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]


def test_plain_http_is_sent_to_https_but_the_health_check_answers(production_server):
    with pytest.raises(urllib.error.HTTPError) as redirect:
        no_redirects().open(production_server + "/")
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"].startswith("https://")
    assert urllib.request.urlopen(production_server + "/healthz").status == 200


def test_an_editor_signs_in_to_the_admin_behind_a_tls_proxy(production_server):
    # The proxy speaks HTTPS to the browser, so the cookies are Secure; this client talks to the
    # server behind it and carries them by hand (a cookie jar keeps Secure cookies off plain HTTP).
    proxied = {**PROXY_HEADERS, "Host": SITE}
    login = fetch(production_server + "/admin/login/", proxied)
    cookies = set_cookies(login)
    assert "Secure" in cookies["csrftoken"]
    token = login.read().decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "curator", "password": "a long pass phrase", "next": "/admin/"}
    )
    headers = {
        **proxied,
        "Origin": f"https://{SITE}",
        "Referer": f"https://{SITE}/admin/login/",
        "Cookie": cookie_header(cookies),
    }
    with pytest.raises(urllib.error.HTTPError) as signed_in:
        no_redirects().open(request(production_server + "/admin/login/", headers, data=form.encode()))
    assert signed_in.value.code == 302 and signed_in.value.headers["Location"] == "/admin/"
    cookies |= set_cookies(signed_in.value)
    assert "Secure" in cookies["sessionid"] and "HttpOnly" in cookies["sessionid"]
    admin_index = fetch(production_server + "/admin/", {**proxied, "Cookie": cookie_header(cookies)})
    assert "Site administration" in admin_index.read().decode()


def set_cookies(response):
    return {header.split("=", 1)[0]: header for header in response.headers.get_all("Set-Cookie") or []}


def cookie_header(cookies):
    return "; ".join(header.split(";", 1)[0] for header in cookies.values())


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def no_redirects(*handlers):
    return urllib.request.build_opener(NoRedirects, *handlers)


def request(url, headers, data=None):
    return urllib.request.Request(url, headers=headers, data=data)


def fetch(url, headers=None):
    return urllib.request.urlopen(request(url, {**PROXY_HEADERS, **(headers or {})}))
