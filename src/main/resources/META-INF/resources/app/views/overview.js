// The overview: every store the user may see with today's visitors, revenue and conversion against last week
// at the same time, open alerts, totals and rankings, kept live by the traffic, sales and alert feeds.

import { h, fill, keepingFocus, status } from "../dom.js";
import { api } from "../session.js";
import { openFeeds } from "../live.js";
import { changes, inBatches, lastWeek } from "../compare.js";
import * as f from "../format.js";

/** Stores compared with last week on the overview (each costs one request); the rest show today's figures only. */
const COMPARED_STORES = 60;

export async function renderOverview(main) {
  const [summary, alerts] = await Promise.all([
    api("/api/v1/analytics/summary"),
    api("/api/v1/alerts?status=open&limit=200"),
  ]);
  const stores = new Map(summary.stores.map(s => [s.storeId, {
    id: s.storeId, name: s.name, date: s.date, timezone: s.timezone, currency: s.figures.currency,
    visitors: s.figures.visitors, occupancy: s.figures.occupancy, transactions: s.figures.transactions,
    revenue: s.figures.revenue, revenueMinor: s.figures.revenueMinor, week: null, alerts: new Map(),
  }]));
  for (const alert of alerts.items) stores.get(alert.storeId)?.alerts.set(alert.id, alert);

  const totals = h("div", { class: "tiles", id: "totals" });
  const cards = h("div", { class: "stores", id: "store-cards" });
  const rankings = h("div", { class: "grid-2", id: "rankings" });
  fill(main, h("h1", {}, "Overview"),
    h("p", { class: "muted" }, "Today in each store's own time zone, against the same weekday last week up to the same time."),
    totals, h("h2", {}, "Stores"), cards, h("h2", {}, "Rankings today"), rankings);
  if (stores.size === 0) {
    fill(cards, h("p", {}, "You have no stores yet."));
    return;
  }

  const draw = () => keepingFocus(main, () => {
    fill(totals, totalTiles([...stores.values()]));
    fill(cards, [...stores.values()].map(storeCard));
    fill(rankings, rankingTables([...stores.values()]));
  });
  draw();

  let pending = null;
  const redraw = () => { pending = pending || requestAnimationFrame(() => { pending = null; draw(); }); };
  const feeds = openFeeds(["traffic", "sales", "alerts"], [], message => {
    const store = stores.get(message.storeId);
    if (store && apply(store, message)) redraw();
  }, state => status(state === "live" ? "Live" : state === "revoked" ? "Access revoked: sign in again." : "Reconnecting…"));

  inBatches([...stores.values()].slice(0, COMPARED_STORES), 6, async store => {
    store.week = await lastWeek(store.id, store.date);
  }).then(redraw);
  const tick = setInterval(redraw, 60000); // "the same time last week" moves on
  return () => { feeds.close(); clearInterval(tick); };
}

/** Applies a live message to a store's figures; true when something shown changed. */
function apply(store, m) {
  if (m.localDay && m.localDay > store.date) {
    // The store's new day has begun: its figures start again (this message carries the new day's totals of its kind).
    Object.assign(store, { date: m.localDay, visitors: 0, occupancy: 0, transactions: 0, revenue: "0", revenueMinor: 0, week: null });
    lastWeek(store.id, store.date).then(week => { store.week = week; });
  }
  if (m.type === "snapshot") {
    if (m.date !== store.date) lastWeek(store.id, m.date).then(week => { store.week = week; });
    Object.assign(store, { date: m.date, visitors: m.visitorsToday, occupancy: m.occupancy,
      transactions: m.transactionsToday, revenue: m.revenueToday, revenueMinor: minorOf(m.revenueToday, m.currency) });
  } else if (m.type === "traffic" && m.localDay === store.date) {
    Object.assign(store, { visitors: m.visitorsToday, occupancy: m.occupancy });
  } else if (m.type === "sale" && m.localDay === store.date) {
    Object.assign(store, { transactions: m.transactionsToday, revenue: m.revenueToday, revenueMinor: m.revenueTodayMinor });
  } else if (m.type === "alert") {
    store.alerts.set(m.alertId, { id: m.alertId, severity: m.severity, message: m.message });
  } else if (m.type === "alert-resolved") {
    store.alerts.delete(m.alertId);
  } else {
    return false;
  }
  return true;
}

function minorOf(decimalText, currency) {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  return Math.round(Number(decimalText) * 10 ** digits);
}

function conversion(store) {
  return store.visitors > 0 ? store.transactions / store.visitors : null;
}

function figure(name, value, text) {
  return h("span", { dataset: { figure: name, value: value ?? "" } }, text);
}

function changeText(percent) {
  if (percent === null) return h("span", { class: "muted" }, "");
  return h("span", { class: f.trend(percent) }, " " + f.change(percent));
}

function storeCard(store) {
  const delta = changes(store, store.week, store.timezone, true);
  const open = [...store.alerts.values()];
  return h("article", { class: "card store-card", dataset: { store: store.id } },
    h("h2", {}, h("a", { href: "#/stores/" + store.id }, store.name)),
    h("p", { class: "muted" }, f.day(store.date), " · ", f.time(Date.now(), store.timezone)),
    h("dl", {},
      h("dt", {}, "Visitors"), h("dd", {}, figure("visitors", store.visitors, f.count(store.visitors)), changeText(delta.visitors)),
      h("dt", {}, "Revenue"), h("dd", {}, figure("revenue", store.revenue, f.money(store.revenue, store.currency)), changeText(delta.revenue)),
      h("dt", {}, "Conversion"), h("dd", {}, figure("conversion", conversion(store) ?? "", f.share(conversion(store))), changeText(delta.conversion)),
      h("dt", {}, "Transactions"), h("dd", {}, figure("transactions", store.transactions, f.count(store.transactions))),
      h("dt", {}, "In store now"), h("dd", {}, figure("occupancy", store.occupancy, f.count(store.occupancy))),
      h("dt", {}, "Open alerts"), h("dd", {}, figure("alerts", open.length, open.length
        ? h("a", { href: "#/stores/" + store.id, class: open.some(a => a.severity === "critical") ? "down" : "" }, String(open.length))
        : "none"))));
}

function totalTiles(list) {
  const visitors = list.reduce((sum, s) => sum + s.visitors, 0);
  const transactions = list.reduce((sum, s) => sum + s.transactions, 0);
  const byCurrency = new Map();
  for (const s of list) byCurrency.set(s.currency, (byCurrency.get(s.currency) || 0) + s.revenueMinor);
  const tile = (label, value, id) => h("div", { class: "tile", id }, h("div", { class: "label" }, label), h("div", { class: "value" }, value));
  return [
    tile("Visitors, all stores", f.count(visitors), "total-visitors"),
    tile("Transactions", f.count(transactions), "total-transactions"),
    tile("Conversion", f.share(visitors > 0 ? transactions / visitors : null), "total-conversion"),
    [...byCurrency].map(([currency, minor]) => tile("Revenue (" + currency + ")", f.moneyMinor(minor, currency), "total-revenue-" + currency)),
  ];
}

function ranking(title, rows, show) {
  return h("section", { class: "card" }, h("h3", {}, title),
    rows.length ? h("ol", {}, rows.map(s => h("li", {}, h("a", { href: "#/stores/" + s.id }, s.name), ": ", show(s))))
      : h("p", { class: "muted" }, "No store has figures yet."));
}

function rankingTables(list) {
  const byId = (a, b) => a.id.localeCompare(b.id);
  const top = (rows, key) => [...rows].sort((a, b) => key(b) - key(a) || byId(a, b)).slice(0, 10);
  const currencies = [...new Set(list.map(s => s.currency))];
  return [
    ranking("By visitors", top(list, s => s.visitors), s => f.count(s.visitors)),
    ranking("By conversion", top(list.filter(s => s.visitors > 0), conversion), s => f.share(conversion(s))),
    currencies.map(c => ranking("By revenue (" + c + ")", top(list.filter(s => s.currency === c), s => s.revenueMinor),
      s => f.money(s.revenue, s.currency))),
  ];
}
