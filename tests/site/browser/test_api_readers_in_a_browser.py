"""The API's schema readers (Swagger UI, ReDoc) draw the API from this machine's files only, with
no policy violation: not even Redoc's hard-wired logo is tried."""

import pytest
from playwright.sync_api import expect

from tests.site.browser.conftest import PageGuard, finish, open_page

# ReDoc takes 7–12 s to draw the schema on a loaded two-core machine; expect() would give up at 5 s.
READER_DRAWN = 60_000


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_schema_readers_draw_the_api_from_local_files_only(request, browser, live_server, path):
    guard = PageGuard()
    context, page = open_page(browser, guard, width=1280)
    page.set_default_timeout(READER_DRAWN)  # the screenshot of the drawn page too
    page.goto(live_server.url + path, timeout=READER_DRAWN)
    expect(page.locator("h1").first).to_contain_text("Conflict event database API", timeout=READER_DRAWN)
    page.wait_for_load_state("networkidle", timeout=READER_DRAWN)
    page.set_default_timeout(30_000)  # ReDoc's long page takes a while to capture on a busy machine
    finish(request, context, page, guard)
