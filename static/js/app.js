// Charts: every <canvas data-chart> gets a Chart.js chart from the JSON script it names.
(function () {
  // Series (bars, lines) start with the brand blue.
  const palette = ["#2457c5", "#1e8a4c", "#b7791f", "#c0392b", "#7b4fc9", "#128a9c", "#5b6577", "#d35f9b"];
  // Doughnut slices are ordered so a lifecycle (prospect → exited) reads like the status badges:
  // prospect grey, onboarding blue, active green, at risk amber, exiting red, exited dark grey.
  // A chart that needs fixed colours passes `backgroundColor` in its dataset instead.
  const slices = ["#a3acbb", "#2457c5", "#1e8a4c", "#d99a2b", "#c0392b", "#5b6577", "#7b4fc9", "#128a9c"];
  const wideLegend = 460; // px of chart width from which a doughnut's legend sits at its side
  // Bubble and scatter charts: numeric axes with optional titles, category tick labels
  // (`ticks: ["Low", "High"]` names the integer positions), shaded `bands` of y, text labels
  // at data positions (`quadrants`), and tooltips that show each point's own `label`.
  function axis(options) {
    const scale = { grid: { color: "#eef1f6" }, min: options.min, max: options.max, ticks: { precision: 0 } };
    if (options.title) scale.title = { display: true, text: options.title, color: "#5b6577", font: { weight: "600" } };
    if (options.step) {
      // Padding beyond the data (0.5 … 5.5) gets no tick label: only the scale's own steps.
      scale.ticks.stepSize = options.step;
      scale.ticks.callback = function (value) { return Number.isInteger(value) ? value : ""; };
    }
    if (options.ticks) {
      scale.afterBuildTicks = function (s) {
        s.ticks = options.ticks.map(function (_, i) { return { value: i }; });
      };
      scale.ticks.callback = function (value) { return options.ticks[value] || ""; };
      scale.grid.color = function (context) { return context.tick && Number.isInteger(context.tick.value) ? "#e3e7ee" : "transparent"; };
    }
    return scale;
  }
  const annotations = {
    id: "prmAnnotations",
    beforeDatasetsDraw: function (chart) {
      const spec = chart.config.options.prm || {};
      const ctx = chart.ctx, area = chart.chartArea, x = chart.scales.x, y = chart.scales.y;
      ctx.save();
      (spec.bands || []).forEach(function (band) {
        const top = y.getPixelForValue(Math.min(band.to, y.max)), bottom = y.getPixelForValue(Math.max(band.from, y.min));
        ctx.fillStyle = "rgba(36, 87, 197, .05)";
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
        ctx.strokeStyle = "rgba(36, 87, 197, .35)";
        ctx.setLineDash([4, 4]);
        ctx.beginPath(); ctx.moveTo(area.left, bottom); ctx.lineTo(area.right, bottom); ctx.stroke();
        ctx.setLineDash([]);
      });
      const narrow = area.right - area.left < 420;
      ctx.font = (narrow ? "600 10px " : "600 12px ") + getComputedStyle(chart.canvas).fontFamily;
      (spec.quadrants || []).forEach(function (label) {
        ctx.fillStyle = label.color || "#5b6577";
        ctx.textAlign = label.align || "center";
        ctx.textBaseline = label.y > (y.min + y.max) / 2 ? "top" : "bottom";
        const text = narrow && label.short ? label.short : label.text;
        ctx.fillText(text, x.getPixelForValue(label.x), y.getPixelForValue(label.y));
      });
      ctx.restore();
    },
  };
  function pointChart(chart, spec) {
    chart.data.datasets.forEach(function (set) { delete set.maxBarThickness; delete set.borderRadius; });
    chart.options.scales = { x: axis(spec.x || {}), y: axis(spec.y || {}) };
    chart.options.prm = { bands: spec.bands, quadrants: spec.quadrants };
    chart.options.plugins.legend.display = true;
    chart.options.plugins.legend.position = "bottom";
    chart.options.plugins.tooltip = {
      callbacks: { label: function (item) { return item.raw.label || item.formattedValue; } },
    };
    chart.plugins = [annotations];
  }
  // Radar charts (culture profiles): one polygon per dataset over a shared 0…max scale;
  // datasets pass their own borderColor/backgroundColor. `spec.r` sets max and a tick suffix.
  function radarChart(chart, spec, narrow) {
    const r = spec.r || {};
    chart.data.datasets.forEach(function (set) { delete set.maxBarThickness; delete set.borderRadius; });
    chart.options.scales = {
      r: {
        min: 0, max: r.max, beginAtZero: true,
        angleLines: { color: "#e3e7ee" }, grid: { color: "#e3e7ee" },
        pointLabels: { color: "#1d2433", font: { size: narrow ? 11 : 13, weight: "600" } },
        ticks: {
          stepSize: r.step || 10, backdropColor: "rgba(255, 255, 255, .75)", color: "#8a93a3",
          font: { size: 10 }, z: 1,
          callback: function (value) { return value + (r.suffix || ""); },
        },
      },
    };
    chart.options.plugins.legend.position = "bottom";
    chart.options.plugins.tooltip = {
      callbacks: { label: function (item) { return item.dataset.label + ": " + item.formattedValue + (r.suffix || ""); } },
    };
  }
  // `unit` ("%") follows each value on the value axis and in the tooltips.
  function withUnit(chart, axisName, unit) {
    chart.options.scales[axisName].ticks.callback = function (value, index, ticks) {
      return Chart.Ticks.formatters.numeric.call(this, value, index, ticks) + unit;
    };
    chart.options.plugins.tooltip = {
      callbacks: { label: function (item) { return item.dataset.label + ": " + item.formattedValue + unit; } },
    };
  }
  // Category names of horizontal bars on a narrow chart: words on lines of ~14 characters,
  // so the names do not take half the width from the bars.
  function wrapLabel(label) {
    if (typeof label !== "string" || label.length <= 14) return label;
    return label.split(" ").reduce(function (lines, word) {
      const last = lines[lines.length - 1];
      if (last && (last + " " + word).length <= 14) lines[lines.length - 1] = last + " " + word;
      else lines.push(word);
      return lines;
    }, []);
  }
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn || !window.Chart) return;
      // The box's height comes as data: the CSP allows no style attribute (CSSOM is fine).
      const box = canvas.parentNode;
      if (box.dataset.height) box.style.height = box.dataset.height + "px";
      const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      canvas.dataset.drawn = "1";
      const horizontal = spec.type === "hbar";
      const doughnut = spec.type === "doughnut";
      const valueAxis = { beginAtZero: true, ticks: { precision: 0 }, grid: { color: "#eef1f6" } };
      const wrapped = horizontal && canvas.parentNode.clientWidth < wideLegend;
      const categoryAxis = { grid: { display: false } };
      if (wrapped) categoryAxis.ticks = { autoSkip: false }; // every bar keeps its name
      const chart = {
        type: horizontal ? "bar" : spec.type,
        data: {
          labels: wrapped ? spec.labels.map(wrapLabel) : spec.labels,
          datasets: spec.datasets.map(function (set, i) {
            const colours = doughnut ? slices : (set.color || palette[i % palette.length]);
            const bars = doughnut ? {} : { maxBarThickness: 48, borderRadius: 3 };
            return Object.assign({ backgroundColor: colours, borderWidth: 0 }, bars, set);
          }),
        },
        options: {
          maintainAspectRatio: false,
          indexAxis: horizontal ? "y" : "x",
          plugins: {
            legend: {
              display: doughnut || spec.datasets.length > 1,
              position: doughnut && canvas.parentNode.clientWidth >= wideLegend ? "right" : "bottom",
              labels: { boxWidth: 12, boxHeight: 12, padding: 14 },
            },
          },
          scales: doughnut ? {} : horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
        },
      };
      if (doughnut) chart.options.cutout = "62%";
      if (spec.type === "radar") radarChart(chart, spec, canvas.parentNode.clientWidth < 420);
      if (spec.max !== undefined && !doughnut && spec.type !== "radar") (horizontal ? chart.options.scales.x : chart.options.scales.y).max = spec.max;
      if (spec.type === "bubble" || spec.type === "scatter") pointChart(chart, spec);
      if (spec.unit && !doughnut && spec.type !== "radar") withUnit(chart, horizontal ? "x" : "y", spec.unit);
      new Chart(canvas, chart);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  // Buttons that print the page (the printable plan); no inline handlers.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
  // The partner page's tabs (WAI-ARIA tabs, manual activation): one tab stop for the list,
  // arrow keys / Home / End move between tabs, Enter or Space opens one. After htmx swaps the
  // panel in, the tab it belongs to becomes the selected one.
  function markTabs(root) {
    root.querySelectorAll("[data-tablist]").forEach(function (list) {
      const panel = document.getElementById("tab-panel");
      const current = panel && panel.dataset.currentTab;
      list.querySelectorAll("[role=tab]").forEach(function (tab) {
        const selected = current ? tab.dataset.tab === current : tab.getAttribute("aria-selected") === "true";
        tab.classList.toggle("active", selected);
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        tab.tabIndex = selected ? 0 : -1;
      });
    });
  }
  // A table wider than its box scrolls sideways: keyboard users reach it with Tab and scroll it
  // with the arrow keys (WCAG 2.1.1).
  function focusableScrollers(root) {
    root.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markTabs(document); focusableScrollers(document); });
  document.addEventListener("htmx:afterSettle", function () { markTabs(document); focusableScrollers(document); });
  document.addEventListener("keydown", function (event) {
    const tab = event.target.closest && event.target.closest("[data-tablist] [role=tab]");
    if (!tab) return;
    const tabs = Array.prototype.slice.call(tab.closest("[data-tablist]").querySelectorAll("[role=tab]"));
    const at = tabs.indexOf(tab);
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = tabs[(moves[event.key] + tabs.length) % tabs.length];
      tabs.forEach(function (t) { t.tabIndex = t === next ? 0 : -1; });
      next.focus();
    } else if (event.key === " ") {
      event.preventDefault();
      tab.click();
    }
  });
  // Invalid forms answer 422 with the form and its errors: let htmx swap them in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
})();
