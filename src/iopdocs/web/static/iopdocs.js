// iopdocs workbench: the little the pages need beyond htmx. No build step.
(function () {
  "use strict";

  // Swap error answers too: a 4xx page says what to do (a conflict, a refused key).
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "[45]..", swap: true, error: false }
  ];

  // Mark every input whose problem box holds an error as invalid (for screen readers).
  function markInvalid() {
    document.querySelectorAll(".faltproblem").forEach(function (box) {
      var id = box.id.replace(/-problem$/, "");
      var input = document.getElementById(id);
      if (!input || input.tagName === "FIELDSET") return;
      if (box.querySelector(".fel")) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  }

  // After the form is redrawn (an item added, moved or removed), put focus where the user is.
  function restoreFocus(form) {
    var id = form.getAttribute("data-fokus");
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    if (target.tagName === "FIELDSET") {
      target = target.querySelector("input, textarea, select") || target;
    }
    target.focus();
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    markInvalid();
    if (event.detail.elt && event.detail.elt.id === "redigera") restoreFocus(event.detail.elt);
  });
  document.addEventListener("htmx:oobAfterSwap", markInvalid);

  // "Använd": put a computed value into its field, as if typed (the form then posts it).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-satt]");
    if (!button) return;
    var input = document.getElementById(button.getAttribute("data-satt"));
    if (!input) return;
    input.value = button.getAttribute("data-varde");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  });

  // The number of the next party row of the new-case form.
  window.iopdocsNextParty = function () {
    var highest = -1;
    document.querySelectorAll("#parter fieldset.part").forEach(function (row) {
      highest = Math.max(highest, parseInt(row.id.replace("part-", ""), 10));
    });
    return highest + 1;
  };
})();
