// The timeline's chart of incidents per year or month, stacked by kind, each kind in its fixed
// colour and pattern (events/kinds.py); drawn again whenever htmx swaps in new results.
(function () {
  "use strict";

  var chart = null;

  // The same patterns as templates/events/_patterns.html, drawn on a small tile.
  function fillFor(style, inks) {
    if (style.pattern === "solid") {
      return style.colour;
    }
    var tile = document.createElement("canvas");
    tile.width = tile.height = 6;
    var context = tile.getContext("2d");
    context.fillStyle = style.colour;
    context.fillRect(0, 0, 6, 6);
    context.strokeStyle = context.fillStyle = inks[style.ink];
    context.lineWidth = 1.2;
    context.beginPath();
    if (style.pattern === "dots") {
      context.arc(3, 3, 1.4, 0, 2 * Math.PI);
      context.fill();
      return context.createPattern(tile, "repeat");
    }
    if (style.pattern === "stripes" || style.pattern === "crosshatch") {
      context.moveTo(0, 6); context.lineTo(6, 0); context.moveTo(-1, 1); context.lineTo(1, -1);
      context.moveTo(5, 7); context.lineTo(7, 5);
    }
    if (style.pattern === "crosshatch") {
      context.moveTo(0, 0); context.lineTo(6, 6);
    }
    if (style.pattern === "lines") {
      context.moveTo(0, 3); context.lineTo(6, 3);
    }
    context.stroke();
    return context.createPattern(tile, "repeat");
  }

  function datasetsFor(binning, series) {
    var datasets = binning.datasets.map(function (dataset) {
      return { label: dataset.label, kind: dataset.kind, data: dataset.data, backgroundColor: fillFor(dataset, series.inks),
        borderColor: "#333", borderWidth: 0.5, maxBarThickness: 48 };
    });
    if (binning.loose) {
      datasets.push({ label: binning.loose.label, kind: "loose", data: binning.loose.data,
        backgroundColor: fillFor(binning.loose, series.inks), borderColor: "#333", borderWidth: 0.5, maxBarThickness: 48 });
    }
    return datasets;
  }

  function showBin(figure, series, name) {
    var binning = series.binnings.filter(function (candidate) { return candidate.name === name; })[0];
    figure.querySelectorAll("[data-bin]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.bin === name));
    });
    figure.querySelectorAll("[data-bin-table]").forEach(function (table) {
      table.hidden = table.dataset.binTable !== name;
    });
    figure.querySelector(".chart-bin-name").textContent = name;
    var canvas = document.getElementById("incident-chart");
    canvas.setAttribute("aria-label", "Bar chart of incidents per " + name + ", stacked by kind; the table gives the numbers");
    if (chart) {
      chart.destroy();
    }
    chart = new Chart(canvas, {
      type: "bar",
      data: { labels: binning.labels, datasets: datasetsFor(binning, series) },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        // The legend is the list under the chart, which wraps on a phone.
        plugins: { legend: { display: false } },
      },
    });
    canvas.chart = chart;
    canvas.dataset.drawn = "true";
    canvas.dataset.bin = name;
  }

  function drawChart() {
    var data = document.getElementById("chart-data");
    var figure = document.getElementById("incident-chart-figure");
    if (chart) {
      chart.destroy();
      chart = null;
    }
    if (!data || !figure) {
      return;
    }
    var series = JSON.parse(data.textContent);
    var controls = figure.querySelector(".chart-bins");
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-bin]");
      if (button) {
        showBin(figure, series, button.dataset.bin);
      }
    });
    showBin(figure, series, figure.dataset.initialBin);
  }

  document.addEventListener("DOMContentLoaded", drawChart);
  document.addEventListener("htmx:afterSettle", drawChart);
})();
