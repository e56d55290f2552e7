// The incident filters: the actor list becomes a type-ahead picker (Tom Select). Without
// JavaScript it stays a plain multiple select, and the form sends the same parameters either way.
(function () {
  "use strict";

  function enhanceActorPicker(select) {
    if (select.tomselect) {
      return;
    }
    var name = select.labels.length ? select.labels[0].textContent.replace(/\s+/g, " ").trim() : select.name;
    new TomSelect(select, {
      plugins: ["remove_button"],
      maxOptions: 100,
      placeholder: "Type a name",
      hidePlaceholder: true,
      closeAfterSelect: true,
    });
    // Tom Select points the label at its own input; the hidden select keeps the name.
    select.setAttribute("aria-label", name);
    select.dataset.typeAhead = "ready";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.filters select[name=actor]").forEach(enhanceActorPicker);
  });
})();
