"""The research pages in Chromium at desktop and phone widths: each tie on its sources' word, the
records a source supports, the disputes side by side and the crossing strip, checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Incident

pytestmark = pytest.mark.usefixtures("site_records")

AXE = "/static/vendor/axe-core/axe.min.js"
PAGES = [
    "/relationships/",
    "/relationships/mehsud-leads-ttp/",
    "/disputes/",
    "/actors/ttp/",
    "/sources/between-kabul-and-islamabad/",
    "/sources/voa-death-toll/",
    "/crossings/torkham/",
    "/incidents/2023-01-30-peshawar-mosque-bombing/",
]


def serious_violations(page, live_server):
    """What axe-core finds serious or critical on the page, as "rule: selectors" lines."""
    # Loaded from this site's static files, as the strict policy allows no other script.
    page.add_script_tag(url=live_server.url + AXE)
    violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)")
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in violations
        if violation["impact"] in {"serious", "critical"}
    ]


def check(page, live_server, path, width):
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_count(1, timeout=5_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(page, live_server) == []


@pytest.mark.parametrize("path", PAGES)
def test_the_research_pages_pass_axe_on_a_desktop(page, live_server, path):
    check(page, live_server, path, 1280)


@pytest.mark.parametrize("path", PAGES)
def test_the_research_pages_fit_a_phone_and_pass_axe(phone_page, live_server, path):
    check(phone_page, live_server, path, 375)


def test_disputes_are_filtered_from_the_keyboard(page, live_server):
    page.goto(live_server.url + "/disputes/")
    expect(page.locator(".dispute")).to_have_count(1, timeout=5_000)
    page.locator("#id_kind").focus()
    page.keyboard.press("Home")
    page.locator("#id_q").focus()
    page.keyboard.type("Peshawar")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/disputes/\?q=Peshawar"), timeout=5_000)
    expect(page.locator(".dispute h2")).to_have_text(["Peshawar mosque bombing"], timeout=5_000)
    page.locator("#id_q").fill("Torkham")
    page.keyboard.press("Enter")
    expect(page.locator(".result-count")).to_have_text("0 disputed incidents", timeout=5_000)


def test_a_tie_leads_from_the_profile_to_its_page_and_its_quote_to_the_passage(page, live_server):
    page.goto(live_server.url + "/actors/ttp/")
    tie = page.locator("#relationship-mehsud-leads-ttp")
    tie.locator(".tie-link").click()
    expect(page).to_have_url(re.compile(r"/relationships/mehsud-leads-ttp/$"), timeout=5_000)
    page.locator(".attestation-quotes a", has_text="Noor Wali Mehsud has led the TTP").click()
    expect(page).to_have_url(re.compile(r"/sources/between-kabul-and-islamabad/#citation-\d+$"), timeout=5_000)
    expect(page.locator(".anchor:target + mark.cited")).to_have_text("Noor Wali Mehsud has led the TTP", timeout=5_000)


def test_the_crossing_strip_shows_an_unknown_stretch(page, live_server, site_records):
    torkham = site_records["torkham"]
    Incident.objects.create(slug="early", title="Clash", kind="border_clash", date="2023-02-10", crossing=torkham)
    page.goto(live_server.url + "/crossings/torkham/")
    expect(page.locator(".status-strip rect")).to_have_count(3, timeout=5_000)
    assert page.locator(".status-strip rect").evaluate_all("bars => bars.map(bar => bar.getAttribute('class'))") == [
        "strip-unknown",
        "strip-closed",
        "strip-open",
    ]
    expect(page.locator(".status-periods li").first).to_contain_text("Not known from 10 February 2023")


def test_axe_finds_a_serious_violation_where_there_is_one(page, live_server):
    page.goto(live_server.url + "/disputes/")
    page.evaluate("document.getElementById('id_q').labels[0].remove()")
    assert any(line.startswith("label:") for line in serious_violations(page, live_server))
