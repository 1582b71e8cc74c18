// A store's page: the day's figures against last week and last year, forecast and targets, the hourly chart,
// a date picker, the range view with CSV, report downloads, open alerts to acknowledge and the display link.

import { h, fill, keepingFocus, status, download } from "../dom.js";
import { api, accessToken, query, user } from "../session.js";
import { openFeeds } from "../live.js";
import { changes, lastWeek } from "../compare.js";
import { hourlyChart } from "../hourly-chart.js";
import { alertList } from "./alerts.js";
import * as f from "../format.js";

export async function renderStore(main, [storeId]) {
  const store = await api("/api/v1/stores/" + encodeURIComponent(storeId));
  let today = f.localDate(Date.now(), store.timezone); // moves on at the store's midnight
  const state = { date: today, summary: null, hours: null, week: null };
  const u = user();

  const dateInput = h("input", { type: "date", id: "day", value: today, max: today });
  const tiles = h("div", { class: "tiles", id: "figures" });
  const outlook = h("div", { class: "grid-2", id: "outlook" });
  const canvas = h("canvas", { id: "hourly-chart", role: "img", "aria-label": "Visitors, transactions and conversion per hour" });
  const hourTable = h("details", {}, h("summary", {}, "The chart as a table"));
  const alerts = h("div", { id: "store-alerts" });
  fill(main,
    h("h1", {}, store.name),
    h("p", { class: "muted" }, store.timezone, " · ", store.currency, store.capacity ? " · capacity " + f.count(store.capacity) : "",
      " · ", h("a", { href: "/display/" + store.id + "?token=" + encodeURIComponent(accessToken()), target: "_blank", rel: "noopener", id: "display-link" }, "Open the display page"),
      u.isAdmin || u.isManager ? [" · ", h("a", { href: "#/stores/" + store.id + "/settings" }, "Settings")] : null),
    h("div", { class: "toolbar" }, h("label", { for: "day" }, "Day", dateInput),
      h("button", { type: "button", class: "secondary", onclick: () => { dateInput.value = today; load(today); } }, "Today")),
    tiles, outlook,
    h("h2", {}, "Per hour"), h("div", { class: "card" }, h("div", { class: "chart-box" }, canvas), hourTable),
    h("h2", {}, "Open alerts"), alerts,
    h("h2", {}, "Reports"), reportButtons(store, () => state.date),
    h("h2", {}, "Days, weeks and months"), rangeView(store, today));

  const chart = hourlyChart(canvas);
  const isToday = () => state.date === today;

  const draw = () => keepingFocus(main, () => {
    fill(tiles, figureTiles(store, state, isToday()));
    fill(outlook, outlookCards(store, state.summary, isToday()));
    chart.show(state.hours, state.week && state.week.hours);
    const open = hourTable.open;
    fill(hourTable, h("summary", {}, "The chart as a table"), hourlyTable(store, state.hours, state.week));
    hourTable.open = open;
  });

  // The last live message of each kind, numbered: a load's answer may predate it, and the day totals it carries win.
  let liveCount = 0;
  const latest = { traffic: null, sale: null };

  async function load(date) {
    state.date = date;
    const countAtStart = liveCount;
    const path = "/api/v1/analytics/" + encodeURIComponent(store.id);
    const [summary, hourly, week] = await Promise.all([
      api(path + "/summary?date=" + date), api(path + "/hourly?date=" + date), lastWeek(store.id, date)]);
    if (state.date !== date) return; // another day was picked meanwhile
    Object.assign(state, { summary, hours: hourly.hours, week });
    Object.values(latest).forEach(m => { if (m && m.count > countAtStart && m.message.localDay === date) applyTotals(state, m.message); });
    draw();
  }
  dateInput.addEventListener("change", () => {
    if (dateInput.value) load(dateInput.value).catch(e => status(e.message));
  });
  await load(today);

  const alertView = await alertList(alerts, store);
  // A feed's snapshot comes when it (re)connects: events from before it may be missing here, so today is read again
  // (once for the snapshots of all three feeds).
  let reload = null;
  const reloadSoon = () => {
    clearTimeout(reload);
    reload = setTimeout(() => {
      alertView.reload().catch(e => status(e.message));
      if (isToday()) load(today).catch(e => status(e.message));
    }, 300);
  };
  const feeds = openFeeds(["traffic", "sales", "alerts"], [store.id], message => {
    if (message.type === "alert" || message.type === "alert-resolved") return alertView.apply(message);
    if (message.type === "snapshot") return reloadSoon();
    if (message.localDay && message.localDay > today) {
      // The store's new day has begun: a page showing today moves on to it.
      const wasToday = isToday();
      today = message.localDay;
      dateInput.max = today;
      if (wasToday) {
        dateInput.value = today;
        load(today).catch(e => status(e.message));
      }
      return;
    }
    if (message.type in latest) latest[message.type] = { count: ++liveCount, message };
    if (!isToday() || !state.summary || (message.localDay && message.localDay !== today)) return;
    applyLive(state, message);
    draw();
  }, s => status(s === "live" ? "Live" : s === "revoked" ? "Access revoked: sign in again." : "Reconnecting…"));
  // Forecast, ATV and the rest are recomputed by the service: read them again every minute while today is shown.
  const refresh = setInterval(() => { if (isToday()) load(today).catch(() => {}); }, 60000);
  return () => { feeds.close(); clearInterval(refresh); clearTimeout(reload); chart.destroy(); };
}

/** Moves today's figures and the hour in progress on by one live event. */
function applyLive(state, m) {
  applyTotals(state, m);
  const hour = state.hours.findLast(hr => Date.parse(hr.start) <= Date.parse(m.timestamp));
  if (!hour) return;
  if (m.type === "traffic") {
    hour.visitors += m.in;
  } else if (m.type === "sale") {
    if (m.saleType === "sale") hour.transactions += 1;
    hour.revenueMinor += m.saleType === "refund" ? -m.amountMinor : m.amountMinor;
  }
  hour.conversionRate = hour.visitors > 0 ? hour.transactions / hour.visitors : null;
}

/** Sets today's totals from a live message, which carries them whole. */
function applyTotals(state, m) {
  const figures = state.summary.figures;
  if (m.type === "traffic") {
    figures.visitors = m.visitorsToday;
    figures.occupancy = m.occupancy;
  } else if (m.type === "sale") {
    figures.transactions = m.transactionsToday;
    figures.revenue = m.revenueToday;
    figures.revenueMinor = m.revenueTodayMinor;
  }
  figures.conversionRate = figures.visitors > 0 ? figures.transactions / figures.visitors : null;
  const targets = state.summary.targets; // so the targets table agrees with the tiles
  const reach = (t, actual) => {
    if (!t || actual === null || actual === undefined) return;
    t.actual = actual;
    t.attainment = Number(t.target) > 0 ? Number(actual) / Number(t.target) : null;
  };
  if (targets) {
    reach(targets.visitors, figures.visitors);
    reach(targets.revenue, figures.revenue);
    reach(targets.conversionRate, figures.conversionRate);
  }
}

function tile(id, label, value, raw, sub) {
  return h("div", { class: "tile", id }, h("div", { class: "label" }, label),
    h("div", { class: "value", dataset: { value: raw ?? "" } }, value), sub ? h("div", { class: "sub" }, sub) : null);
}

function versus(percent, label) {
  if (percent === null || percent === undefined) return null;
  return h("span", {}, h("span", { class: f.trend(percent) }, f.change(percent)), " " + label);
}

function figureTiles(store, state, isToday) {
  const figures = state.summary.figures;
  const cur = store.currency;
  const sameTime = changes(figures, state.week, store.timezone, isToday);
  const lastYear = state.summary.comparison?.lastYear;
  const yearChange = name => lastYear && lastYear.hasData ? lastYear.figures[name]?.changePercent : null;
  const label = isToday ? "vs last week, same time" : "vs last week";
  const subs = (weekPercent, yearName) => [versus(weekPercent, label),
    !isToday && yearChange(yearName) !== null ? [h("br"), versus(yearChange(yearName), "vs last year")] : null];
  return [
    tile("fig-visitors", "Visitors", f.count(figures.visitors), figures.visitors, subs(sameTime.visitors, "visitors")),
    tile("fig-transactions", "Transactions", f.count(figures.transactions), figures.transactions),
    tile("fig-revenue", "Revenue", f.money(figures.revenue, cur), figures.revenue, subs(sameTime.revenue, "revenue")),
    tile("fig-conversion", "Conversion", f.share(figures.conversionRate), figures.conversionRate, subs(sameTime.conversion, "conversionRate")),
    tile("fig-atv", "Average sale", f.money(figures.atv, cur), figures.atv),
    tile("fig-upt", "Items per sale", f.number(figures.upt), figures.upt),
    isToday ? tile("fig-occupancy", "In store now", f.count(figures.occupancy), figures.occupancy,
      store.capacity ? "of " + f.count(store.capacity) : null)
      : tile("fig-peak", "Peak occupancy", f.count(figures.peakOccupancy?.value), figures.peakOccupancy?.value),
    tile("fig-peak-hour", "Busiest hour", figures.peakHour ? figures.peakHour.hour : f.DASH, figures.peakHour?.hour),
  ];
}

function outlookCards(store, summary, isToday) {
  const forecast = summary.forecast;
  const cards = [];
  if (forecast) {
    const track = forecast.onTrack || {};
    const verdict = value => value === null || value === undefined ? f.DASH
      : h("span", { class: value >= 1 ? "up" : value < 0.9 ? "down" : "" }, f.share(value));
    cards.push(h("section", { class: "card", id: "forecast" }, h("h2", {}, isToday ? "Forecast and on track" : "Against the expected day"),
      h("p", {}, "Expected today: ", h("strong", {}, f.count(forecast.day.visitors)), " visitors, ",
        h("strong", {}, f.money(forecast.day.revenue, store.currency)), "."),
      h("p", {}, isToday ? "So far, against what was expected by now: " : "The day against the expected day: ",
        "visitors ", verdict(track.visitors), ", revenue ", verdict(track.revenue), "."),
      h("p", { class: "muted" }, "Mean of the same weekday over ", String(forecast.weeksUsed), " previous weeks.")));
  } else {
    cards.push(h("section", { class: "card", id: "forecast" }, h("h2", {}, "Forecast"),
      h("p", { class: "muted" }, "Not enough history yet: a forecast needs two previous same weekdays with data.")));
  }
  const targets = summary.targets;
  const row = (label, t, show) => t ? h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: "num" }, show(t.actual)),
    h("td", { class: "num" }, show(t.target)), h("td", { class: "num" }, f.share(t.attainment))) : null;
  cards.push(h("section", { class: "card", id: "targets" }, h("h2", {}, "Targets"), targets
    ? h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", { class: "num" }, "Actual"), h("th", { class: "num" }, "Target"),
        h("th", { class: "num" }, "Reached"))),
      h("tbody", {}, row("Visitors", targets.visitors, f.count), row("Revenue", targets.revenue, v => f.money(v, store.currency)),
        row("Conversion", targets.conversionRate, f.share)))
    : h("p", { class: "muted" }, "No targets for this weekday.")));
  return cards;
}

function hourlyTable(store, hours, week) {
  const before = new Map((week?.hours || []).map(hr => [hr.hour, hr.visitors]));
  return h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Hour", "Visitors", "Last week", "Transactions", "Revenue", "Conversion"]
      .map((t, i) => h("th", { class: i ? "num" : "", scope: "col" }, t)))),
    h("tbody", {}, hours.map(hr => h("tr", { class: hr.open === false ? "muted" : "" },
      h("td", {}, hr.hour), h("td", { class: "num" }, f.count(hr.visitors)), h("td", { class: "num" }, f.count(before.get(hr.hour))),
      h("td", { class: "num" }, f.count(hr.transactions)), h("td", { class: "num" }, f.moneyMinor(hr.revenueMinor, store.currency)),
      h("td", { class: "num" }, f.share(hr.conversionRate)))))));
}

function reportButtons(store, date) {
  const get = async (path, fileName) => {
    try {
      download(await api(path, { blob: true }), fileName);
    } catch (e) {
      status("The report could not be made: " + e.message);
    }
  };
  const daily = format => get("/api/v1/reports/" + store.id + "/daily" + query({ date: date(), format }), store.id + "-" + date() + "." + format);
  const weekly = format => get("/api/v1/reports/" + store.id + "/weekly" + query({ format }), store.id + "-week." + format);
  return h("div", { class: "toolbar", id: "reports" },
    h("button", { type: "button", class: "secondary", onclick: () => daily("png") }, "Day chart (PNG)"),
    h("button", { type: "button", class: "secondary", onclick: () => daily("csv") }, "Day table (CSV)"),
    h("button", { type: "button", class: "secondary", onclick: () => weekly("png") }, "This week (PNG)"),
    h("button", { type: "button", class: "secondary", onclick: () => weekly("csv") }, "This week (CSV)"));
}

function rangeView(store, today) {
  const from = h("input", { type: "date", id: "range-from", value: f.addDays(today, -27), max: today, required: true });
  const to = h("input", { type: "date", id: "range-to", value: today, max: today, required: true });
  const bucket = h("select", { id: "range-bucket" }, ["day", "week", "month"].map(b => h("option", { value: b }, b)));
  bucket.value = "week";
  const out = h("div", { id: "range" });
  const error = h("p", { class: "form-error", role: "alert" });
  const path = format => "/api/v1/analytics/" + store.id + "/range" + query({ from: from.value, to: to.value, bucket: bucket.value, format });
  const show = async () => {
    error.textContent = "";
    try {
      const range = await api(path("json"));
      fill(out, h("div", { class: "table-wrap" }, h("table", {},
        h("thead", {}, h("tr", {}, ["Period", "Visitors", "Transactions", "Revenue", "Conversion", "Busiest day"]
          .map((t, i) => h("th", { class: i ? "num" : "", scope: "col" }, t)))),
        h("tbody", {}, range.periods.map(p => periodRow(p.period, p.figures, p.busiestDay, store)),
          periodRow("Total", range.total.figures || range.total, null, store)))));
    } catch (e) {
      error.textContent = e.message;
    }
  };
  const csv = async () => {
    error.textContent = "";
    try {
      download(await api(path("csv"), { blob: true }), store.id + "-" + from.value + "-" + to.value + "-" + bucket.value + ".csv");
    } catch (e) {
      error.textContent = e.message;
    }
  };
  const form = h("form", { class: "inline", onsubmit: e => { e.preventDefault(); show(); } },
    h("label", {}, "From", from), h("label", {}, "To", to), h("label", {}, "Per", bucket),
    h("button", { type: "submit" }, "Show"), h("button", { type: "button", class: "secondary", onclick: csv }, "Download CSV"));
  show();
  return h("div", { class: "card" }, form, error, out);
}

function periodRow(label, figures, busiest, store) {
  return h("tr", {}, h("th", { scope: "row" }, label), h("td", { class: "num" }, f.count(figures.visitors)),
    h("td", { class: "num" }, f.count(figures.transactions)), h("td", { class: "num" }, f.money(figures.revenue, store.currency)),
    h("td", { class: "num" }, f.share(figures.conversionRate)), h("td", { class: "num" }, busiest ? busiest.date : ""));
}
