// The timeline's chart of incidents per month, stacked by kind; drawn again whenever htmx swaps
// in new results for other filters.
(function () {
  "use strict";

  var PALETTE = ["#8c2d19", "#1f5f8b", "#c98a1b", "#3d7a3a", "#6a3d8f", "#b3476b", "#4f6d7a", "#8a6a3b",
    "#2b8c82", "#a33c3c", "#5a5a9e", "#7c8c2d"];
  var chart = null;

  function drawChart() {
    var data = document.getElementById("chart-data");
    var canvas = document.getElementById("incident-chart");
    if (chart) {
      chart.destroy();
      chart = null;
    }
    if (!data || !canvas) {
      return;
    }
    var series = JSON.parse(data.textContent);
    chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: series.datasets.map(function (dataset, index) {
          return { label: dataset.label, data: dataset.data, backgroundColor: PALETTE[index % PALETTE.length] };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
    canvas.chart = chart;
    canvas.dataset.drawn = "true";
  }

  // Leave empty filters out of the request, and so out of the address the page can be shared by.
  function dropEmptyFilters(event) {
    var parameters = event.detail.parameters;
    Array.from(parameters.keys()).forEach(function (name) {
      if (parameters.getAll(name).every(function (value) { return value === ""; })) {
        parameters.delete(name);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", drawChart);
  document.addEventListener("htmx:configRequest", dropEmptyFilters);
  document.addEventListener("htmx:afterSettle", drawChart);
})();
