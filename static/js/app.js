// Charts: every <canvas data-chart> gets a Chart.js chart from the JSON script it names.
(function () {
  // Series (bars, lines) start with the brand blue.
  const palette = ["#2457c5", "#1e8a4c", "#b7791f", "#c0392b", "#7b4fc9", "#128a9c", "#5b6577", "#d35f9b"];
  // Doughnut slices are ordered so a lifecycle (prospect → exited) reads like the status badges:
  // prospect grey, onboarding blue, active green, at risk amber, exiting red, exited dark grey.
  // A chart that needs fixed colours passes `backgroundColor` in its dataset instead.
  const slices = ["#a3acbb", "#2457c5", "#1e8a4c", "#d99a2b", "#c0392b", "#5b6577", "#7b4fc9", "#128a9c"];
  const wideLegend = 460; // px of chart width from which a doughnut's legend sits at its side
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn || !window.Chart) return;
      const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      canvas.dataset.drawn = "1";
      const horizontal = spec.type === "hbar";
      const doughnut = spec.type === "doughnut";
      const valueAxis = { beginAtZero: true, ticks: { precision: 0 }, grid: { color: "#eef1f6" } };
      const categoryAxis = { grid: { display: false } };
      const chart = {
        type: horizontal ? "bar" : spec.type,
        data: {
          labels: spec.labels,
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
      new Chart(canvas, chart);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  // Invalid forms answer 422 with the form and its errors: let htmx swap them in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
})();
