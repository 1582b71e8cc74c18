// The store page's hourly chart, drawn by Chart.js (loaded from its WebJar as window.Chart): visitors and
// transactions as bars, last week's visitors as a line, the conversion rate as a line on its own axis.

const COLOURS = { visitors: "#0a58b5", transactions: "#e08a00", lastWeek: "#5b6675", conversion: "#1d6b34" };

export function hourlyChart(canvas) {
  let chart = null;
  return {
    show(hours, lastWeekHours) {
      if (!window.Chart || !hours) return;
      const before = new Map((lastWeekHours || []).map(hr => [hr.hour, hr.visitors]));
      const data = {
        labels: hours.map(hr => hr.hour),
        datasets: [
          { type: "bar", label: "Visitors", data: hours.map(hr => hr.visitors), backgroundColor: COLOURS.visitors, yAxisID: "y" },
          { type: "bar", label: "Transactions", data: hours.map(hr => hr.transactions), backgroundColor: COLOURS.transactions, yAxisID: "y" },
          { type: "line", label: "Visitors last week", data: hours.map(hr => before.get(hr.hour) ?? null), borderColor: COLOURS.lastWeek,
            borderDash: [6, 4], pointRadius: 0, yAxisID: "y" },
          { type: "line", label: "Conversion", data: hours.map(hr => hr.conversionRate === null ? null : hr.conversionRate * 100),
            borderColor: COLOURS.conversion, pointRadius: 2, yAxisID: "conversion" },
        ],
      };
      if (chart) {
        chart.data = data;
        chart.update("none");
        return;
      }
      chart = new window.Chart(canvas, {
        data,
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            y: { beginAtZero: true, title: { display: true, text: "People, sales" } },
            conversion: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
              title: { display: true, text: "Conversion %" } },
          },
        },
      });
    },
    destroy() {
      if (chart) chart.destroy();
    },
  };
}
