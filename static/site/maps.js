// Leaflet maps over the country outlines shipped in static/vendor/world-atlas: no tile server is
// needed; a deployment that is online may set MAP_TILE_URL to draw tiles underneath.
(function () {
  "use strict";

  // ISO 3166 numeric codes of Pakistan, Afghanistan and their neighbours.
  var REGION = ["586", "004", "364", "356", "156", "762", "795", "860"];
  var FILLS = { "586": "#efe6d2", "004": "#e4ead6" };  // Pakistan, Afghanistan; neighbours are paler

  function drawOutlines(map, url) {
    return fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (atlas) {
        var countries = topojson.feature(atlas, atlas.objects.countries).features.filter(function (feature) {
          return REGION.indexOf(feature.id) !== -1;
        });
        L.geoJSON(countries, {
          interactive: false,
          style: function (feature) {
            return { color: "#6b5d4f", weight: 1, fillColor: FILLS[feature.id] || "#f7f4ee", fillOpacity: 1 };
          },
        }).addTo(map).bringToBack();
      });
  }

  function popupFor(point) {
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    heading.textContent = point.name;
    box.appendChild(heading);
    var list = document.createElement("ul");
    point.incidents.forEach(function (incident) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = incident.url;
      link.textContent = incident.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + incident.date + ")"));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  // Marker shape and fill by how closely its coordinates place the incidents (legend on the page).
  function iconFor(point) {
    return L.divIcon({ className: "place-marker precision-" + point.precision, iconSize: [18, 18] });
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    return L.divIcon({
      className: "marker-cluster-count",
      iconSize: [32, 32],
      html: "<span>" + count + "</span><span class=\"visually-hidden\"> places close together: open to zoom in</span>",
    });
  }

  function drawMap(element, points) {
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 12 }).setView([32.5, 68.5], 5);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    var clusters = L.markerClusterGroup({ maxClusterRadius: 30, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
    var markers = points.map(function (point) {
      var title = point.name + ": " + point.incidents.length + " incident" + (point.incidents.length === 1 ? "" : "s") +
        " (" + point.precision_label.toLowerCase() + ")";
      return L.marker([point.lat, point.lng], { title: title, icon: iconFor(point), keyboard: true }).bindPopup(popupFor(point));
    });
    clusters.addLayers(markers);
    map.addLayer(clusters);
    if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), 7);
    } else if (markers.length > 1) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 8 });
    }
    element.leafletMap = map;
    element.markers = markers;
    element.clusters = clusters;
    return drawOutlines(map, element.dataset.outlines).then(function () {
      element.dataset.ready = "true";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.querySelector(".map");
    var data = document.getElementById("map-points");
    if (element && data) {
      drawMap(element, JSON.parse(data.textContent));
    }
  });
})();
