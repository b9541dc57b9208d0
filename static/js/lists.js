// lists: behaviour of the lists tool on every page.
// On a phone a portal table becomes one card per row (static/css/lists.css); each cell shows
// its column's name, which it takes from the header cell above it as `data-label`.
(function () {
  if (window.prmLists) return;
  window.prmLists = true;

  function headerLabels(table) {
    const labels = [];
    const row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) return labels;
    Array.from(row.cells).forEach(function (th) {
      const text = th.textContent.replace(/\s+/g, " ").trim();
      for (let i = 0; i < (th.colSpan || 1); i += 1) labels.push(text);
    });
    return labels;
  }

  function label(table) {
    const labels = headerLabels(table);
    if (!labels.length) return;
    Array.from(table.tBodies).forEach(function (body) {
      Array.from(body.rows).forEach(function (row) {
        let column = 0;
        Array.from(row.cells).forEach(function (cell) {
          const text = labels[column];
          if (text && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", text);
          column += cell.colSpan || 1;
        });
      });
    });
  }

  function labelAll(root) {
    root.querySelectorAll("main table").forEach(label);
  }

  document.addEventListener("DOMContentLoaded", function () { labelAll(document); });
  document.addEventListener("htmx:afterSettle", function () { labelAll(document); });
})();
