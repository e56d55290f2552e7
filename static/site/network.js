// A network of actors, drawn with Cytoscape and the fCoSE force-directed layout from the JSON the
// page embeds: a profile's actor stays at the centre, labels count as part of each node so they
// do not overlap, ties are coloured and styled by kind (actors/network.py). The year control asks
// the server for the ties of that year (htmx swaps #network); this draws again after each swap.
(function () {
  "use strict";

  var registered = false;

  function style() {
    return [
      { selector: "node", style: { label: "data(label)", "background-color": "data(colour)", "border-width": 1,
        "border-color": "#333", "font-size": 12, "text-wrap": "wrap", "text-max-width": 96, "text-valign": "bottom",
        "text-margin-y": 3, "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": 1, width: 18, height: 18 } },
      { selector: "node.focus", style: { width: 30, height: 30, "border-width": 3, "border-color": "#1d1a16",
        "font-weight": "bold", "font-size": 13 } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", width: 2.5,
        "line-color": "data(colour)", "target-arrow-color": "data(colour)", "line-style": "data(line)" } },
      { selector: "edge[line = 'double']", style: { "line-style": "solid", width: 4 } },
      { selector: "edge.strained", style: { "mid-target-arrow-shape": "diamond", "mid-target-arrow-color": "data(colour)",
        "mid-target-arrow-fill": "filled", "arrow-scale": 1.2 } },
      { selector: "edge.undated", style: { opacity: 0.4 } },
    ];
  }

  // Keep the focus at the centre of the view, zoomed so that the farthest node still shows.
  function centreOn(cy, focus, container) {
    var across = 1;
    var down = 1;
    var at = focus.position();
    cy.nodes().forEach(function (node) {
      var box = node.boundingBox({ includeLabels: true });
      across = Math.max(across, Math.abs(box.x1 - at.x), Math.abs(box.x2 - at.x));
      down = Math.max(down, Math.abs(box.y1 - at.y), Math.abs(box.y2 - at.y));
    });
    var width = container.clientWidth;
    var height = container.clientHeight;
    var zoom = Math.min((width / 2 - 8) / across, (height / 2 - 8) / down, 1.6);
    cy.viewport({ zoom: zoom, pan: { x: width / 2 - at.x * zoom, y: height / 2 - at.y * zoom } });
  }

  // Drag to pan; these buttons (from the keyboard too) enlarge the labels on a phone.
  function addZoomControls(cy, container, showAll) {
    var controls = container.parentNode.querySelector(".graph-zoom");
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-zoom]");
      if (!button) {
        return;
      }
      if (button.dataset.zoom === "fit") {
        showAll();
        return;
      }
      var middle = { x: container.clientWidth / 2, y: container.clientHeight / 2 };
      cy.zoom({ level: cy.zoom() * (button.dataset.zoom === "in" ? 1.4 : 1 / 1.4), renderedPosition: middle });
    });
  }

  function drawNetwork() {
    var data = document.getElementById("network-data");
    var container = document.getElementById("network-graph");
    if (!data || !container) {
      return;
    }
    if (!registered) {
      cytoscape.use(cytoscapeFcose);
      registered = true;
    }
    var network = JSON.parse(data.textContent);
    // Start from a circle rather than random places, so that a network is always drawn the same way.
    var elements = network.nodes.map(function (node, index) {
      var angle = 2 * Math.PI * index / network.nodes.length;
      var radius = node.focus ? 0 : 40 * Math.sqrt(network.nodes.length);
      return { data: node, classes: node.focus ? "focus" : "",
        position: { x: radius * Math.cos(angle), y: radius * Math.sin(angle) } };
    }).concat(network.edges.map(function (edge) {
      return { data: edge, classes: [edge.strained ? "strained" : "", edge.undated ? "undated" : ""].join(" ") };
    }));
    var focus = network.nodes.filter(function (node) { return node.focus; })[0];
    var cy = cytoscape({ container: container, elements: elements, style: style(), boxSelectionEnabled: false,
      autoungrabify: true, userZoomingEnabled: false, minZoom: 0.2, maxZoom: 4 });
    cy.layout({
      name: "fcose", animate: false, randomize: false, quality: "proof", nodeDimensionsIncludeLabels: true,
      packComponents: true, idealEdgeLength: 90, nodeRepulsion: 12000, nodeSeparation: 60, padding: 16,
      fixedNodeConstraint: focus ? [{ nodeId: focus.id, position: { x: 0, y: 0 } }] : undefined,
    }).run();
    function showAll() {
      if (focus) {
        centreOn(cy, cy.getElementById(focus.id), container);
      } else {
        cy.fit(undefined, 16);
      }
    }
    showAll();
    addZoomControls(cy, container, showAll);
    cy.on("tap", "node", function (event) {
      if (!event.target.data("focus")) {
        window.location.href = event.target.data("url");
      }
    });
    container.cy = cy;
    container.dataset.drawn = "true";
  }

  document.addEventListener("DOMContentLoaded", drawNetwork);
  document.addEventListener("htmx:afterSettle", drawNetwork);
})();
