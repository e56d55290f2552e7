"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Every page a test opens is watched: a console error, an uncaught script error or a request to a
host other than this machine fails the test (the request is also stopped before it leaves), and
a screenshot of the page is saved to tests/screenshots/ whatever the outcome.
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls that tests make around it
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# How long a page of ours may take to draw on a loaded two-core machine: every wait, page.*() and
# expect() alike (expect() ignores set_default_timeout and would give up at 5 s). A test waiting
# for something slower (ReDoc) says so itself.
PAGE_DRAWN = 15_000
expect.set_options(timeout=PAGE_DRAWN)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


class PageGuard:
    """Collects what a page must never do: log an error, throw, or reach another host."""

    def __init__(self):
        self.console_errors = []
        self.foreign_requests = []

    def watch(self, context, page):
        context.route("**/*", self.stop_foreign_requests)
        page.on("console", self.record_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def stop_foreign_requests(self, route):
        url = route.request.url
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).hostname not in LOCAL_HOSTS:
            self.foreign_requests.append(url)
            route.abort()
        else:
            route.continue_()

    def record_console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def problems(self):
        return [f"console error: {text}" for text in self.console_errors] + [
            f"request to another host: {url}" for url in self.foreign_requests
        ]


def require_chromium(path=CHROMIUM):
    """Fail, never skip, where Chromium is missing: CI must not pass without the browser tests."""
    if not path.exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {path}: run `apt-get install -y chromium` "
            "as root (or `make test`, which does it when it can)."
        )


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_guard():
    return PageGuard()


def open_page(browser, guard, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(PAGE_DRAWN)
    guard.watch(context, page)
    return context, page


@pytest.fixture
def page(request, browser, page_guard, live_server):
    """A desktop-sized page on the live server; the test fails on any problem the guard saw."""
    context, page = open_page(browser, page_guard, width=1280)
    yield page
    finish(request, context, page, page_guard)


@pytest.fixture
def phone_page(request, browser, page_guard, live_server):
    """The same, 375 px wide."""
    context, page = open_page(browser, page_guard, width=375)
    yield page
    finish(request, context, page, page_guard)


def finish(request, context, page, guard):
    SCREENSHOTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()
    problems = guard.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def browser_page(request, browser, page_guard, live_server):
    """A page on the live server at the width asked for; the test fails on any problem the guard saw."""
    opened = []

    def open_at(width):
        context, page = open_page(browser, page_guard, width=width)
        opened.append((context, page))
        return page

    yield open_at
    for context, page in opened:
        finish(request, context, page, page_guard)
