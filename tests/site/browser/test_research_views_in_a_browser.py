"""The chart, the networks, the map and the filters as a reader meets them in Chromium, at desktop
and phone width, from the mouse and from the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from actors.models import Actor, Relationship

pytestmark = pytest.mark.usefixtures("site_records")

# Pairs of nodes whose boxes (labels included) overlap, and nodes drawn outside the graph's box.
LAYOUT_PROBLEMS = """() => {
  const container = document.getElementById('network-graph');
  const cy = container.cy;
  const boxes = cy.nodes().map(node => [node.id(), node.renderedBoundingBox({includeLabels: true})]);
  const overlaps = [];
  boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
    if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) overlaps.push(a + ' / ' + b);
  }));
  const outside = boxes.filter(([, box]) => box.x1 < 0 || box.y1 < 0 || box.x2 > container.clientWidth
    || box.y2 > container.clientHeight).map(([id]) => id);
  return {overlaps, outside};
}"""

FOCUS_OFFSET = """() => {
  const container = document.getElementById('network-graph');
  const focus = container.cy.nodes('.focus')[0].renderedPosition();
  return [Math.abs(focus.x - container.clientWidth / 2), Math.abs(focus.y - container.clientHeight / 2)];
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_it_lays_the_profile_network_out_around_its_actor_with_labels_apart(browser_page, live_server, width):
    page = browser_page(width)
    page.goto(live_server.url + "/actors/ttp/")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert page.evaluate(LAYOUT_PROBLEMS) == {"overlaps": [], "outside": []}
    dx, dy = page.evaluate(FOCUS_OFFSET)
    assert dx < 2 and dy < 2
    legend = page.locator(".network-legend")
    expect(legend).to_contain_text("splinter of")
    expect(legend).to_contain_text("Armed group")


def test_it_keeps_long_labels_apart_in_a_crowded_network(browser_page, live_server, site_records):
    for number in range(14):
        actor = Actor.objects.create(
            slug=f"group-{number}", name=f"Islamic Movement of the Frontier, wing {number}", kind=Actor.Kind.FACTION
        )
        Relationship.objects.create(
            slug=f"group-{number}-faction-of-ttp", subject=actor, kind="faction_of", object=site_records["ttp"]
        )
    page = browser_page(375)
    page.goto(live_server.url + "/actors/ttp/")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert page.evaluate("document.getElementById('network-graph').cy.nodes().length") == 19
    assert page.evaluate(LAYOUT_PROBLEMS) == {"overlaps": [], "outside": []}


def test_it_draws_the_whole_field_and_filters_it_by_kind_from_the_keyboard(browser_page, live_server):
    page = browser_page(375)
    page.goto(live_server.url + "/network/")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert page.evaluate("document.getElementById('network-graph').cy.nodes().length") == 5
    assert page.evaluate(LAYOUT_PROBLEMS) == {"overlaps": [], "outside": []}

    page.locator("#id_kind_0").focus()  # armed groups
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/network/\?kind=armed_group$"))
    expect(page.locator(".network-caption")).to_have_text("All recorded ties: 2.")
    page.wait_for_selector("#network-graph[data-drawn]")
    assert sorted(page.evaluate("document.getElementById('network-graph').cy.nodes().map(n => n.id())")) == [
        "afghan-taliban",
        "jamaat-ul-ahrar",
        "ttp",
    ]


def test_it_clusters_close_places_and_opens_a_cluster_from_the_keyboard(browser_page, live_server):
    page = browser_page(1280)
    page.goto(live_server.url + "/map/")
    page.wait_for_selector(".map[data-ready=true]")
    expect(page.locator(".place-marker.precision-settlement")).to_have_count(3)
    page.evaluate("document.querySelector('.map').leafletMap.setZoom(5, {animate: false})")
    cluster = page.locator(".marker-cluster-count")
    expect(cluster.first).to_be_visible(timeout=5_000)
    expect(page.locator(".place-marker")).to_have_count(1)  # Khost alone; Peshawar and Torkham are one cluster
    cluster.first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".place-marker")).to_have_count(3, timeout=5_000)
    expect(page.locator(".map-legend")).to_contain_text("Country centroid")


def test_it_picks_an_actor_by_typing_and_removes_the_filter_by_its_chip(browser_page, live_server):
    page = browser_page(375)
    page.goto(live_server.url + "/")
    page.wait_for_selector("select[name=actor][data-type-ahead=ready]")
    page.locator("#id_actor-ts-control").focus()
    page.keyboard.type("pakistani tal")  # an alias is not an option's text: the name is
    page.keyboard.press("Control+A")
    page.keyboard.type("Tehreek")
    expect(page.locator(".ts-dropdown .option")).to_have_text(["Tehreek-e-Taliban Pakistan"], timeout=5_000)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"actor=ttp"))
    expect(page.locator("#timeline-results .incident-title")).to_have_count(5)
    chip = page.get_by_role("link", name="Remove filter Actor: Tehreek-e-Taliban Pakistan")
    expect(chip).to_be_visible()
    chip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#timeline-results .incident-title")).to_have_count(8)
    expect(page.locator(".chip")).to_have_count(0)


def test_it_zooms_the_network_from_the_keyboard_and_back_to_the_whole(browser_page, live_server):
    page = browser_page(375)
    page.goto(live_server.url + "/actors/ttp/")
    page.wait_for_selector("#network-graph[data-drawn]")
    whole = page.evaluate("document.getElementById('network-graph').cy.zoom()")
    page.get_by_role("button", name="Zoom in").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('network-graph').cy.zoom()") == pytest.approx(whole * 1.96)
    page.get_by_role("button", name="Whole graph").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('network-graph').cy.zoom()") == pytest.approx(whole)
    assert page.evaluate(LAYOUT_PROBLEMS) == {"overlaps": [], "outside": []}


def test_it_works_without_javascript(browser, page_guard, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#id_actor", "ttp")  # a plain multiple select
    page.click("#timeline-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"actor=ttp"))
    expect(page.locator("[data-bin-table=year] caption")).to_be_visible()  # the chart's text equivalent
    expect(page.locator("[data-bin-table=month] caption")).to_be_visible()
    expect(page.locator(".chart-bins")).to_be_hidden()
    page.get_by_role("link", name="Remove filter Actor: Tehreek-e-Taliban Pakistan").click()
    expect(page.locator(".incident-title")).to_have_count(8)

    page.goto(live_server.url + "/network/")
    page.check("#id_kind_2")  # states
    page.select_option("#id_year", "2023")
    page.click(".network-filters button[type=submit]")
    expect(page.locator(".network-caption")).to_have_text("Ties that may have held in 2023: 0.")
    expect(page.locator(".graph-zoom")).to_be_hidden()  # buttons that need a script are not offered

    page.goto(live_server.url + "/map/?kind=border_closure")
    expect(page.locator(".map-places li")).to_have_text(["Torkham (town or city): Torkham closed (20 February 2023)"])
    context.close()
