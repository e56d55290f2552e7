"""Every page, at desktop and phone width, passes axe-core with no serious or critical violation."""

import pytest

from tests.site.browser.accessibility import serious_violations
from tests.site.browser.conftest import open_page

pytestmark = pytest.mark.usefixtures("site_records")

PAGES = [
    "/",
    "/?actor=ttp&kind=armed_attack",
    "/map/",
    "/incidents/2023-01-30-peshawar-mosque-bombing/",
    "/actors/",
    "/actors/ttp/",
    "/actors/ttp/?year=2015",
    "/crossings/",
    "/crossings/torkham/",
    "/sources/",
    "/sources/between-kabul-and-islamabad/",
    "/network/",
]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_serious_accessibility_violation(browser, page_guard, live_server, path, width):
    context, page = open_page(browser, page_guard, width=width)
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    violations = serious_violations(page)
    context.close()
    assert violations == []
    assert page_guard.problems() == []


def test_it_reports_a_serious_violation(browser, page_guard, live_server):
    context, page = open_page(browser, page_guard, width=1280)
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"><button></button></main></html>')
    violations = serious_violations(page)
    context.close()
    assert any(violation.startswith("image-alt (critical)") for violation in violations)
    assert any(violation.startswith("button-name (critical)") for violation in violations)
