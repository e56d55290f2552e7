"""The API's schema readers (Swagger UI, ReDoc) load only this machine's files in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.site.browser.conftest import PageGuard, finish, open_page

# The one thing the policy refuses: Redoc's hard-wired Redocly logo. It is refused in the browser,
# so no request leaves; everything else must load without an error.
REFUSED_LOGO = re.compile(r"image 'https://cdn\.redoc\.ly/redoc/logo-mini\.svg' violates .* Content Security Policy")


# ReDoc takes 7–12 s to draw the schema on a loaded two-core machine; expect() would give up at 5 s.
READER_DRAWN = 60_000


class ReaderGuard(PageGuard):
    def record_console(self, message):
        if not REFUSED_LOGO.search(message.text):
            super().record_console(message)


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_schema_readers_draw_the_api_from_local_files_only(request, browser, live_server, path):
    guard = ReaderGuard()
    context, page = open_page(browser, guard, width=1280)
    page.set_default_timeout(READER_DRAWN)  # the screenshot of the drawn page too
    page.goto(live_server.url + path, timeout=READER_DRAWN)
    expect(page.locator("h1").first).to_contain_text("Conflict event database API", timeout=READER_DRAWN)
    page.wait_for_load_state("networkidle", timeout=READER_DRAWN)
    finish(request, context, page, guard)
