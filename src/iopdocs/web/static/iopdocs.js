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

  // Typed text survives a reload. The form is sent a moment after typing stops; text typed
  // in that moment is kept in this tab's sessionStorage when the page goes (and sent as a
  // beacon, for a closed tab), and sent again when the page comes back, which then reloads
  // once to show it. The server applies only what this tab changed (its view key), so a
  // text sent twice is applied once.
  var typed = 0, sent = 0, confirmed = 0;
  function editorForm() { return document.getElementById("redigera"); }
  function pendingKey() { return "iopdocs-osant:" + location.pathname; }
  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#redigera")) typed += 1;
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "redigera") sent = typed;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "redigera" && event.detail.successful) {
      confirmed = Math.max(confirmed, sent);
    }
  });
  window.addEventListener("pagehide", function () {
    var form = editorForm();
    if (!form || typed <= confirmed || !form.getAttribute("hx-post")) return;
    var entries = Array.from(new FormData(form).entries());
    try { sessionStorage.setItem(pendingKey(), JSON.stringify(entries)); } catch (e) { /* full */ }
    if (navigator.sendBeacon) navigator.sendBeacon(form.getAttribute("hx-post"), new FormData(form));
  });
  document.addEventListener("DOMContentLoaded", function () {
    var form = editorForm();
    var stored = null;
    try { stored = sessionStorage.getItem(pendingKey()); } catch (e) { return; }
    if (!stored) return;
    sessionStorage.removeItem(pendingKey());
    if (!form) return;
    // The page's key now (a restarted workbench has a new one); the rest as it was typed.
    var key = form.elements.namedItem("csrf");
    var entries = JSON.parse(stored).map(function (pair) {
      return pair[0] === "csrf" && key ? ["csrf", key.value] : pair;
    });
    var differs = entries.some(function (pair) {
      var field = form.elements.namedItem(pair[0]);
      return field && field.type !== "hidden" && field.value !== pair[1];
    });
    fetch(form.getAttribute("hx-post"), {
      method: "POST",
      body: new URLSearchParams(entries),
      credentials: "same-origin"
    }).then(function () { if (differs) location.reload(); });
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
