// search: behaviour of the search tool on every page.
//
// The top bar's search form works without this file (it submits to the search page); htmx
// fills its dropdown as the user types. This adds the keyboard: ArrowDown from the box moves
// into the results, ArrowUp/ArrowDown move through them (links receive focus, so Enter opens
// one natively), Home/End jump, Escape closes the list and returns to the box. The list also
// closes when focus or a click leaves the form.
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    var list = form.querySelector(".search-dropdown");
    if (!input || !list) return;

    function items() {
      return Array.prototype.slice.call(list.querySelectorAll("a[href]"));
    }
    function hasContent() {
      return list.textContent.trim() !== "";
    }
    // Escape dismisses the list until the user asks again (types, or presses ArrowDown):
    // focus coming back to the box does not reopen it.
    var dismissed = false;
    function open() {
      list.hidden = dismissed || !hasContent();
    }
    function close() {
      list.hidden = true;
    }
    function move(step, event) {
      var links = items();
      if (!links.length) return;
      event.preventDefault();
      dismissed = false;
      list.hidden = false;
      var at = links.indexOf(document.activeElement);
      if (at === -1) {
        links[step > 0 ? 0 : links.length - 1].focus();
      } else if (at + step < 0) {
        input.focus();
      } else {
        links[Math.min(at + step, links.length - 1)].focus();
      }
    }

    form.addEventListener("keydown", function (event) {
      var inList = list.contains(document.activeElement);
      if (event.key === "ArrowDown") {
        move(1, event);
      } else if (event.key === "ArrowUp" && inList) {
        move(-1, event);
      } else if ((event.key === "Home" || event.key === "End") && inList) {
        var links = items();
        event.preventDefault();
        links[event.key === "Home" ? 0 : links.length - 1].focus();
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        dismissed = true;
        close();
        input.focus();
      }
    });
    // A click on a result must not take focus from the box first (that would close the list
    // before the click lands); the link still opens.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    // htmx swapped new results in (or emptied the list for an empty box).
    form.addEventListener("htmx:afterSwap", function () {
      dismissed = false;
      open();
    });
    input.addEventListener("focus", open);
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) close();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  document.querySelectorAll("form[data-search]").forEach(setup);
})();
