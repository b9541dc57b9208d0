// Org chart: open its forms in a dialog (links keep working as pages without JavaScript),
// close them, and fold or unfold every branch at once. Loaded again when htmx swaps the tab
// in, so everything hangs off `document` once.
(function () {
  if (window.prmOrgChart) return;
  window.prmOrgChart = true;

  function dialog() { return document.getElementById("oc-dialog"); }

  document.addEventListener("click", function (event) {
    const opener = event.target.closest("a[data-dialog]");
    const box = dialog();
    if (opener && box && window.htmx && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      event.preventDefault();
      const menu = opener.closest("details.oc-menu");
      if (menu) menu.open = false;
      htmx.ajax("GET", opener.getAttribute("href"), { target: box, swap: "innerHTML" }).then(function () {
        if (!box.open) box.showModal();
        const first = box.querySelector("input:not([type=hidden]), select, textarea");
        if (first) first.focus();
      });
      return;
    }
    const closer = event.target.closest("[data-dialog-close]");
    if (closer && closer.closest("dialog")) {
      event.preventDefault();
      closer.closest("dialog").close();
      return;
    }
    const fold = event.target.closest("[data-oc-fold]");
    if (fold) {
      const open = fold.dataset.ocFold === "open";
      document.querySelectorAll("#orgchart details.oc-branch").forEach(function (branch) { branch.open = open; });
      return;
    }
    // A click anywhere else closes an open box menu.
    document.querySelectorAll("details.oc-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });

  // A click on the backdrop (outside the form) closes the dialog too.
  document.addEventListener("mousedown", function (event) {
    const box = dialog();
    if (box && box.open && event.target === box) box.close();
  });
})();
