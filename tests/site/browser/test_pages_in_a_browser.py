"""The site as a reader meets it, in Chromium: filtering, the network graph, quotes, the map."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.site.browser.conftest import open_page, require_chromium

pytestmark = pytest.mark.usefixtures("site_records")


def titles(page):
    return page.locator("#timeline-results .incident-title")


def test_it_filters_the_timeline_by_actor_and_year_without_reloading(page, live_server):
    page.goto(live_server.url + "/")
    expect(titles(page)).to_have_count(8)
    page.evaluate("window.notReloaded = true")

    page.select_option("#id_actor", "ttp")
    page.fill("#id_date_from", "2023")
    page.fill("#id_date_to", "2023")
    page.click("#timeline-filters button[type=submit]")

    expect(page).to_have_url(re.compile(r"/\?date_from=2023&date_to=2023&date_match=overlap&actor=ttp$"))
    expect(titles(page)).to_have_text(["Peshawar mosque bombing", "TTP attack in Chitral"])
    expect(page.locator("#timeline-results h2.year")).to_have_text(["2023"])
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("#timeline-results a", has_text="CSV")).to_have_attribute("href", re.compile(r"actor=ttp"))


def test_it_shows_the_filtered_timeline_from_a_shared_address(page, live_server):
    page.goto(live_server.url + "/?actor=ttp&date_from=2022&date_to=2022")
    expect(titles(page)).to_have_text(["TTP attacks through the year"])
    expect(page.locator("#id_actor option:checked")).to_have_text(["Tehreek-e-Taliban Pakistan"])
    expect(page.locator(".result-count")).to_contain_text("1 incident match")
    page.wait_for_selector("#incident-chart[data-drawn]")
    # A span of 1 month opens the chart by month, where a year-precise date is drawn apart.
    assert chart_series(page) == [["Dated more loosely than a month", 1]]


def chart_series(page):
    return page.evaluate(
        """document.getElementById('incident-chart').chart.data.datasets.map(
             d => [d.label, d.data.reduce((a, b) => a + b, 0)])"""
    )


def test_it_draws_the_chart_stacked_by_kind_per_year_or_month_from_the_keyboard(page, live_server):
    page.goto(live_server.url + "/")
    page.wait_for_selector("#incident-chart[data-drawn]")
    assert page.evaluate("document.getElementById('incident-chart').chart.options.scales.x.stacked") is True
    assert page.locator("#incident-chart").get_attribute("data-bin") == "year"
    assert chart_series(page) == [
        ["Suicide bombing", 1],
        ["Armed attack", 3],
        ["Air strike", 1],
        ["Border closure", 1],
        ["Border reopening", 1],
        ["Statement or threat", 1],
    ]
    expect(page.locator("[data-bin-table=year]")).to_be_visible()
    expect(page.locator("[data-bin-table=month]")).to_be_hidden()

    page.get_by_role("button", name="Per month").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#incident-chart")).to_have_attribute("data-bin", "month")
    assert chart_series(page)[-1] == ["Dated more loosely than a month", 2]  # 2022, c. September 2021
    expect(page.get_by_role("button", name="Per month")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-bin-table=month]")).to_be_visible()


def test_it_shows_the_chart_legend_whole_on_a_phone(phone_page, live_server):
    phone_page.goto(live_server.url + "/")
    phone_page.wait_for_selector("#incident-chart[data-drawn]")
    legend = phone_page.locator(".chart-legend li")
    expect(legend).to_have_count(7)
    for index in range(7):
        box = legend.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375


def test_it_redraws_the_actor_network_for_the_year_chosen_with_the_keyboard(page, live_server):
    page.goto(live_server.url + "/actors/ttp/")
    page.wait_for_selector("#network-graph[data-drawn]")
    expect(page.locator("#id_year option:checked")).to_have_text("All years")
    assert network_nodes(page) == ["afghan-taliban", "jamaat-ul-ahrar", "noor-wali-mehsud", "pakistan", "ttp"]
    assert page.locator("#network-graph canvas").count() > 0

    year = page.locator("#id_year")
    year.focus()
    page.keyboard.press("ArrowDown")  # 2014
    page.keyboard.press("ArrowDown")  # 2015
    expect(page.locator("#network")).to_have_attribute("data-year", "2015")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert network_nodes(page) == ["jamaat-ul-ahrar", "ttp"]
    assert "year=2015" in page.url

    page.keyboard.press("End")  # 2023
    expect(page.locator("#network")).to_have_attribute("data-year", "2023")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert network_nodes(page) == ["afghan-taliban", "noor-wali-mehsud", "pakistan", "ttp"]

    page.keyboard.press("Home")  # all years, really all
    expect(page.locator("#network")).to_have_attribute("data-year", "")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert len(network_nodes(page)) == 5


def network_nodes(page):
    return sorted(page.evaluate("document.getElementById('network-graph').cy.nodes().map(node => node.id())"))


def test_it_follows_a_highlighted_quote_to_its_incident_and_back(page, live_server):
    page.goto(live_server.url + "/sources/between-kabul-and-islamabad/")
    quote = page.locator("mark.cited", has_text="claimed responsibility for the suicide blast in Peshawar")
    expect(quote).to_have_count(1)
    quote.locator("xpath=following-sibling::span[1]").get_by_role(
        "link", name=re.compile("Peshawar mosque bombing")
    ).click()

    expect(page.locator("h1")).to_have_text("Peshawar mosque bombing")
    page.get_by_role("link", name="“claimed responsibility for the suicide blast in Peshawar”").click()
    expect(page.locator("h1")).to_have_text("Between Kabul and Islamabad")
    assert re.search(r"#citation-\d+$", page.url)


def test_it_marks_every_incident_place_on_the_map_and_links_to_the_incidents(page, live_server):
    page.goto(live_server.url + "/map/")
    page.wait_for_selector(".map[data-ready=true]")
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(3)  # Peshawar, Torkham and Khost; the others have no coordinates
    assert page.locator(".leaflet-overlay-pane path").count() >= 2  # the country outlines

    page.locator(".leaflet-marker-icon[title^='Khost']").click()
    page.locator(".leaflet-popup a", has_text="Air strikes in Khost").click()
    expect(page.locator("h1")).to_have_text("Air strikes in Khost")


def test_it_opens_a_marker_from_the_keyboard(page, live_server):
    page.goto(live_server.url + "/map/")
    page.wait_for_selector(".map[data-ready=true]")
    page.locator(".leaflet-marker-icon[title^='Peshawar']").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content a")).to_have_text(
        ["Army Public School attack", "Peshawar mosque bombing"]
    )


def test_it_maps_only_the_filtered_incidents(page, live_server):
    page.goto(live_server.url + "/map/?actor=jamaat-ul-ahrar")
    page.wait_for_selector(".map[data-ready=true]")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.locator(".leaflet-marker-icon")).to_have_attribute("title", "Peshawar: 1 incident (town or city)")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/map/",
        "/actors/",
        "/actors/ttp/",
        "/sources/",
        "/sources/between-kabul-and-islamabad/",
        "/incidents/2023-01-30-peshawar-mosque-bombing/",
        "/crossings/",
        "/crossings/torkham/",
        "/network/",
    ],
)
def test_it_fits_a_phone_screen_with_one_heading_and_labelled_fields(phone_page, live_server, path):
    phone_page.goto(live_server.url + path)
    phone_page.wait_for_load_state("networkidle")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(phone_page.locator("h1")).to_have_count(1)
    unlabelled = phone_page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
             .filter(field => field.labels.length === 0 && !field.getAttribute('aria-label'))
             .map(field => field.name)"""
    )
    assert unlabelled == []


def test_it_fails_a_page_that_logs_an_error_or_calls_another_host(browser, page_guard, live_server):
    context, page = open_page(browser, page_guard, width=1280)
    page.set_content('<h1>Not ours</h1><img src="http://example.com/tracker.gif" alt="">')
    page.evaluate("console.error('something broke')")
    context.close()
    assert "something broke" in page_guard.console_errors
    assert page_guard.foreign_requests == ["http://example.com/tracker.gif"]


def test_it_fails_rather_than_skips_without_chromium():
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        require_chromium(Path("/nonexistent/chromium"))
