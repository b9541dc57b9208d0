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

  // --- zoom, fit, centre, highlight ------------------------------------------------------
  // The chart opens fitted to the width of its box (never larger than life), scrolled so that
  // the top of the organisation is in the middle; after an add or a move (?highlight=…) it
  // scrolls to that person instead and marks them.
  const MIN_ZOOM = 0.35, MAX_ZOOM = 2, STEP = 1.25;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function parts() {
    const scroll = document.querySelector("#orgchart [data-oc-scroll]");
    const forest = scroll && scroll.querySelector(".oc-forest");
    return forest ? { scroll: scroll, forest: forest } : null;
  }

  function currentZoom(forest) { return Number(forest.dataset.zoom || 1); }

  function setZoom(chart, zoom) {
    zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    chart.forest.dataset.zoom = String(zoom);
    chart.forest.style.zoom = String(zoom);
    const level = document.querySelector("#orgchart [data-oc-zoom-level]");
    if (level) level.textContent = Math.round(zoom * 100) + " %";
    return zoom;
  }

  function fitZoom(chart) {
    chart.forest.style.zoom = "1";
    const natural = chart.forest.scrollWidth;
    const room = chart.scroll.clientWidth - 8;
    return natural > room ? room / natural : 1;
  }

  // Scroll the chart box (not the page) so that `box` is in the middle of it sideways.
  function centreOn(chart, box) {
    if (!box) return;
    const area = chart.scroll.getBoundingClientRect();
    const rect = box.getBoundingClientRect();
    chart.scroll.scrollLeft += rect.left + rect.width / 2 - (area.left + area.width / 2);
  }

  function rootBox(chart) { return chart.forest.querySelector(":scope > .oc-node > .oc-box"); }

  function highlight(chart) {
    const id = chart.scroll.dataset.ocHighlight;
    const person = id && document.getElementById(id);
    if (!person) return false;
    person.classList.add("oc-highlight");
    centreOn(chart, person);
    person.scrollIntoView({ block: "center", inline: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
    const link = person.querySelector(".oc-name a");
    if (link) link.focus({ preventScroll: true });
    return true;
  }

  function setUp() {
    const chart = parts();
    if (!chart || chart.scroll.dataset.ocReady !== undefined) return;
    chart.scroll.dataset.ocReady = "";
    const controls = document.querySelector("#orgchart [data-oc-zoom-controls]");
    if (controls) controls.hidden = false;
    setZoom(chart, fitZoom(chart));
    if (!highlight(chart)) centreOn(chart, rootBox(chart));
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-oc-zoom]");
    const chart = button && parts();
    if (!chart) return;
    const zoom = currentZoom(chart.forest);
    const next = { in: zoom * STEP, out: zoom / STEP, reset: 1, fit: null }[button.dataset.ocZoom];
    setZoom(chart, next === null ? fitZoom(chart) : next);
    centreOn(chart, chart.forest.querySelector(".oc-highlight") || rootBox(chart));
  });

  document.addEventListener("DOMContentLoaded", setUp);
  document.addEventListener("htmx:afterSettle", setUp);
  if (document.readyState !== "loading") setUp();

  // A click on the backdrop (outside the form) closes the dialog too.
  document.addEventListener("mousedown", function (event) {
    const box = dialog();
    if (box && box.open && event.target === box) box.close();
  });
})();
