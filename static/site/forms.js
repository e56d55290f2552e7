// Every GET form htmx sends: leave empty filters out of the request, and so out of the address
// the page can be shared by.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var parameters = event.detail.parameters;
    Array.from(parameters.keys()).forEach(function (name) {
      if (parameters.getAll(name).every(function (value) { return value === ""; })) {
        parameters.delete(name);
      }
    });
  });
})();
