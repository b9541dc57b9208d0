// ui: toasts, scrolling tab bars, searchable pickers and the top bar's menu, on every page and
// after htmx swaps.
(function () {
  if (window.prmUi) return;
  window.prmUi = true;

  // Vendored files sit next to this script's folder (static/js/ → static/vendor/).
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  const VENDOR = SCRIPT_URL.replace(/js\/ui\.js(\?.*)?$/, "vendor/");
  const TOM_SELECT = { js: "tom-select-2.6.2.complete.min.js", css: "tom-select-2.6.2.default.min.css" };
  const TOAST_SECONDS = 7;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  // --- toasts ------------------------------------------------------------------------------
  function dismiss(toast) {
    if (!toast.isConnected || toast.classList.contains("leaving")) return;
    const remove = function () { toast.remove(); };
    if (reducedMotion.matches) { remove(); return; }
    toast.classList.add("leaving");
    setTimeout(remove, 220);
  }

  // Confirmations leave by themselves (not while the pointer or focus is on them); errors and
  // warnings stay until dismissed, as they may hold a link to act on.
  function armToast(toast) {
    toast.dataset.toastArmed = "";
    if (toast.classList.contains("error") || toast.classList.contains("warning")) return;
    let remaining = TOAST_SECONDS * 1000, started = Date.now(), timer = null;
    const start = function () { started = Date.now(); timer = setTimeout(function () { dismiss(toast); }, remaining); };
    const pause = function () { clearTimeout(timer); remaining -= Date.now() - started; };
    toast.addEventListener("mouseenter", pause);
    toast.addEventListener("mouseleave", start);
    toast.addEventListener("focusin", pause);
    toast.addEventListener("focusout", start);
    start();
  }

  function armToasts(root) {
    root.querySelectorAll("[data-toast]:not([data-toast-armed])").forEach(armToast);
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-toast-dismiss]");
    if (button) dismiss(button.closest("[data-toast]"));
  });

  // --- tab bars ----------------------------------------------------------------------------
  // Arrows before and after a tab row that is wider than its box; hidden when all fits.
  function updateScroller(scroller) {
    const tabs = scroller.querySelector(".tabs");
    const before = tabs.scrollLeft > 1;
    const after = tabs.scrollLeft + tabs.clientWidth < tabs.scrollWidth - 1;
    scroller.classList.toggle("more-before", before);
    scroller.classList.toggle("more-after", after);
    scroller.querySelector("[data-tab-scroll='-1']").hidden = !before;
    scroller.querySelector("[data-tab-scroll='1']").hidden = !after;
  }

  function armScroller(scroller) {
    scroller.dataset.tabScrollerArmed = "";
    const tabs = scroller.querySelector(".tabs");
    tabs.addEventListener("scroll", function () { updateScroller(scroller); }, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(function () { updateScroller(scroller); }).observe(tabs);
    const current = tabs.querySelector("[aria-selected=true]");
    if (current && current.offsetLeft + current.offsetWidth > tabs.clientWidth) {
      tabs.scrollLeft = current.offsetLeft - tabs.clientWidth / 3;
    }
    updateScroller(scroller);
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-tab-scroll]");
    if (!button) return;
    const tabs = button.closest("[data-tab-scroller]").querySelector(".tabs");
    tabs.scrollBy({ left: Number(button.dataset.tabScroll) * tabs.clientWidth * 0.7 });
  });

  function armScrollers(root) {
    root.querySelectorAll("[data-tab-scroller]:not([data-tab-scroller-armed])").forEach(armScroller);
  }

  // --- searchable pickers ------------------------------------------------------------------
  // <select data-searchable> becomes a Tom Select box you can type in; the library is loaded
  // only on pages that have one. Without JavaScript the plain select works as before.
  let tomSelectLoading = null;

  function loadTomSelect() {
    if (window.TomSelect) return Promise.resolve();
    if (!tomSelectLoading) {
      tomSelectLoading = new Promise(function (resolve, reject) {
        const css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = VENDOR + TOM_SELECT.css;
        // Before ui.css, so that the app's look of the picker wins.
        const ours = document.querySelector("link[href*='css/ui.css']");
        document.head.insertBefore(css, ours);
        const script = document.createElement("script");
        script.src = VENDOR + TOM_SELECT.js;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return tomSelectLoading;
  }

  function enhance(select) {
    if (select.tomselect) return;
    const multiple = select.multiple;
    const placeholder = select.dataset.searchable || (multiple ? "Type to find people…" : "Type to search…");
    // Tom Select points the field's <label> at the box you type in (aria-labelledby).
    const picker = new window.TomSelect(select, {
      plugins: multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: !multiple,
      placeholder: placeholder,
      hidePlaceholder: !multiple,
      closeAfterSelect: !multiple,
      // The list opens on a click, on typing or on the arrow keys; not merely because the box
      // has the focus (again: after a choice, or when the window comes back), which would drop
      // it over the form's buttons.
      openOnFocus: false,
      clearAfterSelect: true, // ready to type the next name
      render: { no_results: function () { return '<div class="no-results">No match</div>'; } },
    });
    // The select stays underneath, for the form's value only: assistive technology uses the
    // box above (which has the label), not this unlabelled twin.
    select.setAttribute("aria-hidden", "true");
    let wasOpen = false;
    picker.control.addEventListener("mousedown", function () { wasOpen = picker.isOpen; });
    picker.control.addEventListener("click", function () { if (!wasOpen) picker.open(); });
    // While typing in a single choice, the words typed replace the current choice in the box.
    if (!multiple) {
      const typing = function (on) { picker.wrapper.classList.toggle("typing", on); };
      picker.on("type", function (text) { typing(text !== ""); });
      ["item_add", "blur", "dropdown_close"].forEach(function (name) {
        picker.on(name, function () { typing(false); });
      });
    }
  }

  function armPickers(root) {
    const selects = root.querySelectorAll("select[data-searchable]");
    if (!selects.length) return;
    loadTomSelect().then(function () { selects.forEach(enhance); });
  }

  // --- the top bar's menu ------------------------------------------------------------------
  // Wide screens: the bar keeps one line; the links that would wrap it move, last first, into
  // "More" (components/menu.html). Phones show the menu button instead (CSS); nothing moves.
  function oneLine(bar) {
    const items = Array.from(bar.children).filter(function (el) { return el.offsetParent !== null; });
    if (!items.length) return true;
    const middle = function (el) { const box = el.getBoundingClientRect(); return box.top + box.height / 2; };
    const first = middle(items[0]);
    return items.every(function (el) { return Math.abs(middle(el) - first) < 12; });
  }

  function fitMenu(nav) {
    const more = nav.querySelector("[data-menu-more]");
    const list = more.querySelector(".menu-more-list");
    Array.from(list.children).forEach(function (link) { nav.insertBefore(link, more); });
    more.hidden = true;
    const bar = nav.closest(".inner");
    if (!bar || nav.offsetParent === null) return;
    let links = Array.from(nav.querySelectorAll(":scope > a"));
    while (!oneLine(bar) && links.length > 1) {
      more.hidden = false;
      list.insertBefore(links.pop(), list.firstChild);
    }
    more.classList.toggle("has-active", !!list.querySelector(".active"));
  }

  function fitMenus() { document.querySelectorAll("[data-menu-fit]").forEach(fitMenu); }

  let fitTimer = null;
  window.addEventListener("resize", function () { clearTimeout(fitTimer); fitTimer = setTimeout(fitMenus, 100); });

  // An open menu closes on a click elsewhere or on Escape (a <details> stays open otherwise).
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".topbar details[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".topbar details[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });

  // --- wiring ------------------------------------------------------------------------------
  function arm(root) {
    armToasts(root);
    armScrollers(root);
    armPickers(root);
  }

  document.addEventListener("DOMContentLoaded", function () { arm(document); fitMenus(); });
  // The inbox count and the bell arrive after the page and widen the bar.
  document.addEventListener("htmx:afterSettle", fitMenus);
  window.addEventListener("load", fitMenus);
  // htmx swapped content in (a tab, a dialog's form, messages out of band).
  document.addEventListener("htmx:afterSettle", function () { arm(document); });
  document.addEventListener("htmx:oobAfterSwap", function () { armToasts(document); });
})();
