// An actor's network of relationships, drawn with Cytoscape from the JSON the page embeds. The
// year control asks the server for the ties in force that year (htmx swaps #network); this draws
// whatever network the page holds, again after each swap.
(function () {
  "use strict";

  var COLOURS = { armed_group: "#8c2d19", faction: "#c98a1b", state: "#1f5f8b", state_institution: "#4f6d7a",
    government: "#2b8c82", political_party: "#6a3d8f", international_organization: "#3d7a3a", person: "#7c6a5a" };

  function drawNetwork() {
    var data = document.getElementById("network-data");
    var container = document.getElementById("network-graph");
    if (!data || !container) {
      return;
    }
    var network = JSON.parse(data.textContent);
    var elements = network.nodes.map(function (node) {
      return { data: node, classes: node.focus ? "focus" : "" };
    }).concat(network.edges.map(function (edge) {
      return { data: edge, classes: edge.strained ? "strained" : "" };
    }));
    var cy = cytoscape({
      container: container,
      elements: elements,
      layout: { name: "concentric", concentric: function (node) { return node.data("focus") ? 2 : 1; }, minNodeSpacing: 40 },
      userZoomingEnabled: false,
      style: [
        { selector: "node", style: { label: "data(label)", "background-color": function (node) {
          return COLOURS[node.data("kind")] || "#777"; }, "font-size": 11, "text-wrap": "wrap",
          "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 4, width: 22, height: 22 } },
        { selector: "node.focus", style: { width: 34, height: 34, "border-width": 3, "border-color": "#222" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 9, "curve-style": "bezier",
          "target-arrow-shape": "triangle", width: 1.5, "line-color": "#998", "target-arrow-color": "#998",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8 } },
        { selector: "edge.strained", style: { "line-style": "dashed" } },
      ],
    });
    cy.on("tap", "node", function (event) {
      if (!event.target.data("focus")) {
        window.location.href = event.target.data("url");
      }
    });
    container.cy = cy;
    container.dataset.drawn = "true";
  }

  function showYear(event) {
    var output = document.getElementById("network-year-value");
    if (output && event.target.name === "year") {
      output.textContent = event.target.value;
    }
  }

  document.addEventListener("DOMContentLoaded", drawNetwork);
  document.addEventListener("htmx:afterSettle", drawNetwork);
  document.addEventListener("input", showYear);
})();
