// Charts: every <canvas data-chart> gets a Chart.js chart from the JSON script it names.
(function () {
  const palette = ["#2457c5", "#1e8a4c", "#b7791f", "#c0392b", "#7b4fc9", "#128a9c", "#5b6577", "#d35f9b"];
  function draw(root) {
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn || !window.Chart) return;
      const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
      canvas.dataset.drawn = "1";
      const horizontal = spec.type === "hbar";
      new Chart(canvas, {
        type: horizontal ? "bar" : spec.type,
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (set, i) {
            const colours = spec.type === "doughnut" ? palette : (set.color || palette[i % palette.length]);
            return Object.assign({ backgroundColor: colours, borderWidth: 0 }, set);
          }),
        },
        options: {
          maintainAspectRatio: false,
          indexAxis: horizontal ? "y" : "x",
          plugins: { legend: { display: spec.type === "doughnut" || spec.datasets.length > 1, position: "bottom" } },
          scales: spec.type === "doughnut" ? {} : { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
  // Invalid forms answer 422 with the form and its errors: let htmx swap them in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) { event.detail.shouldSwap = true; event.detail.isError = false; }
  });
})();
