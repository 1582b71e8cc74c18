// A store's settings for its managers and admins: alert rules, opening hours, daily targets and display keys.

import { h, fill, attempt } from "../dom.js";
import { api } from "../session.js";
import * as f from "../format.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const RULE_TYPES = {
  "occupancy": { label: "Occupancy over capacity", params: [["percent", "Fire at % of capacity", 90], ["resolvePercent", "Resolve below %", ""]] },
  "sensor-silent": { label: "Silent people counter", params: [["minutes", "Silent for minutes", 10]] },
  "pos-silent": { label: "Visitors but no sales", params: [["minutes", "Minutes", 20], ["minVisitors", "At least visitors", 30]] },
  "traffic-anomaly": { label: "Unusual traffic", params: [["windowMinutes", "Window minutes (15, 30, 60)", 30], ["factor", "Factor", 1.8], ["consecutive", "Windows in a row", 2]] },
  "conversion-drop": { label: "Conversion drop", params: [["percent", "Below % conversion", 10], ["minVisitors", "At least visitors", 30]] },
};

export async function renderSettings(main, [storeId]) {
  const store = await api("/api/v1/stores/" + encodeURIComponent(storeId));
  const sections = { rules: h("div"), hours: h("div"), targets: h("div"), keys: h("div") };
  fill(main, h("h1", {}, "Settings: " + store.name), h("p", {}, h("a", { href: "#/stores/" + store.id }, "Back to the store")),
    h("section", { class: "card", id: "alert-rules" }, h("h2", {}, "Alert rules"), sections.rules),
    h("section", { class: "card", id: "opening-hours" }, h("h2", {}, "Opening hours"), sections.hours),
    h("section", { class: "card", id: "targets" }, h("h2", {}, "Daily targets"), sections.targets),
    h("section", { class: "card", id: "display-keys" }, h("h2", {}, "Display keys"), sections.keys));
  await Promise.all([rules(sections.rules, store), openingHours(sections.hours, store), targets(sections.targets, store),
    displayKeys(sections.keys, store)]);
}

function number(id, value, attrs = {}) {
  return h("input", { id, type: "number", value: value ?? "", step: "any", inputmode: "decimal", ...attrs });
}

async function rules(container, store) {
  const base = "/api/v1/stores/" + store.id + "/alert-rules";
  const list = await api(base);
  const error = h("p", { class: "form-error", role: "alert" });
  const reload = () => rules(container, store);
  const describe = rule => RULE_TYPES[rule.type].params.map(([name, label]) => rule[name] === undefined || rule[name] === null ? null
    : label + ": " + rule[name]).filter(Boolean).join(", ");
  const row = rule => h("tr", { dataset: { rule: rule.id } },
    h("td", {}, RULE_TYPES[rule.type]?.label || rule.type), h("td", {}, describe(rule)), h("td", {}, rule.severity),
    h("td", {}, h("label", { class: "check" }, h("input", { type: "checkbox", checked: rule.enabled, "aria-label": "Rule " + rule.id + " enabled", onchange: e => {
      const { id, storeId, createdAt, updatedAt, ...body } = rule;
      attempt(error, () => api(base + "/" + rule.id, { method: "PUT", body: { ...body, enabled: e.target.checked } }), "Rule saved.").then(reload);
    } }), "on")),
    h("td", {}, h("button", { type: "button", class: "danger", onclick: () => attempt(error, () => api(base + "/" + rule.id, { method: "DELETE" }),
      "Rule deleted.").then(reload), "aria-label": "Delete rule " + rule.id }, "Delete")));
  const type = h("select", { id: "rule-type" }, Object.entries(RULE_TYPES).map(([value, t]) => h("option", { value }, t.label)));
  const severity = h("select", { id: "rule-severity" }, ["info", "warning", "critical"].map(s => h("option", { value: s }, s)));
  severity.value = "warning";
  const params = h("div", { class: "inline" });
  const showParams = () => fill(params, RULE_TYPES[type.value].params.map(([name, label, value]) =>
    h("label", {}, label, number("rule-" + name, value, { name }))));
  type.addEventListener("change", showParams);
  showParams();
  const form = h("form", { class: "inline", onsubmit: async e => {
    e.preventDefault();
    const body = { type: type.value, severity: severity.value };
    for (const input of params.querySelectorAll("input")) if (input.value !== "") body[input.name] = Number(input.value);
    if (await attempt(error, () => api(base, { method: "POST", body }), "Rule created.")) reload();
  } }, h("label", {}, "Type", type), params, h("label", {}, "Severity", severity), h("button", { type: "submit" }, "Add rule"));
  fill(container, list.length ? h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Rule", "When", "Severity", "Enabled", ""].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, list.map(row)))) : h("p", { class: "muted" }, "No rules yet."), h("h3", {}, "New rule"), form, error);
}

async function openingHours(container, store) {
  const path = "/api/v1/stores/" + store.id + "/opening-hours";
  const hours = await api(path);
  const error = h("p", { class: "form-error", role: "alert" });
  const options = last => Array.from({ length: 24 }, (_, i) => String(i + (last ? 1 : 0)).padStart(2, "0") + ":00");
  const select = (id, value, last) => {
    const el = h("select", { id }, h("option", { value: "" }, "not set"), options(last).map(o => h("option", { value: o }, o)));
    el.value = value || "";
    return el;
  };
  const rows = WEEKDAYS.map(day => {
    const set = hours[day] || {};
    return { day, opens: select("opens-" + day, set.opens), closes: select("closes-" + day, set.closes, true),
      closed: h("input", { type: "checkbox", id: "closed-" + day, checked: !!set.closed }) };
  });
  const form = h("form", { onsubmit: e => {
    e.preventDefault();
    const body = {};
    for (const r of rows) {
      if (r.closed.checked) body[r.day] = { closed: true };
      else if (r.opens.value || r.closes.value) body[r.day] = { opens: r.opens.value, closes: r.closes.value };
    }
    attempt(error, () => api(path, { method: "PUT", body }), "Opening hours saved.");
  } }, h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Day", "Opens", "Closes", "Closed"].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map(r => h("tr", {}, h("th", { scope: "row" }, r.day),
      h("td", {}, r.opens), h("td", {}, r.closes),
      h("td", {}, h("label", { class: "check" }, r.closed, "closed"))))))),
  h("p", { class: "muted" }, "Whole hours in the store's time (" + store.timezone + "). A day not set counts as open all day."),
  error, h("button", { type: "submit" }, "Save opening hours"));
  for (const r of rows) {
    r.opens.setAttribute("aria-label", "Opens on " + r.day);
    r.closes.setAttribute("aria-label", "Closes on " + r.day);
  }
  fill(container, form);
}

async function targets(container, store) {
  const path = "/api/v1/stores/" + store.id + "/targets";
  const current = await api(path);
  const error = h("p", { class: "form-error", role: "alert" });
  const rows = WEEKDAYS.map(day => {
    const t = current[day] || {};
    const input = (name, value, label) => {
      const el = number("target-" + name + "-" + day, value, { min: 0 });
      el.setAttribute("aria-label", label + " target on " + day);
      return el;
    };
    return { day, visitors: input("visitors", t.visitors, "Visitors"), revenue: input("revenue", t.revenue, "Revenue"),
      conversion: input("conversion", t.conversionRate === undefined ? "" : Math.round(t.conversionRate * 10000) / 100, "Conversion %") };
  });
  const form = h("form", { onsubmit: e => {
    e.preventDefault();
    const body = {};
    for (const r of rows) {
      const day = {};
      if (r.visitors.value !== "") day.visitors = Number(r.visitors.value);
      if (r.revenue.value !== "") day.revenue = r.revenue.value;
      if (r.conversion.value !== "") day.conversionRate = Number(r.conversion.value) / 100;
      if (Object.keys(day).length) body[r.day] = day;
    }
    attempt(error, () => api(path, { method: "PUT", body }), "Targets saved.");
  } }, h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Day", "Visitors", "Revenue (" + store.currency + ")", "Conversion %"].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map(r => h("tr", {}, h("th", { scope: "row" }, r.day), h("td", {}, r.visitors), h("td", {}, r.revenue),
      h("td", {}, r.conversion)))))), error, h("button", { type: "submit" }, "Save targets"));
  fill(container, form);
}

async function displayKeys(container, store) {
  const keys = (await api("/api/v1/auth/api-keys")).filter(k => k.stores.includes(store.id) && k.roles.includes("display"));
  const error = h("p", { class: "form-error", role: "alert" });
  const reload = () => displayKeys(container, store);
  const name = h("input", { id: "key-name", required: true, maxlength: 100, placeholder: "Entrance screen" });
  const shown = h("div", { id: "new-key", "aria-live": "polite" });
  const form = h("form", { class: "inline", onsubmit: async e => {
    e.preventDefault();
    let created;
    const ok = await attempt(error, async () => {
      created = await api("/api/v1/auth/api-keys", { method: "POST", body: { name: name.value, roles: ["display"], stores: [store.id] } });
    });
    if (!ok) return;
    await reload();
    const url = location.origin + "/display/" + store.id + "?token=" + encodeURIComponent(created.key);
    container.querySelector("#new-key").append(h("div", { class: "card" },
      h("p", {}, h("strong", {}, "The key is shown only now."), " Copy it, or open the display page with it:"),
      h("p", { class: "secret", id: "new-key-value" }, created.key), h("p", {}, h("a", { href: url, target: "_blank", rel: "noopener" }, url))));
  } }, h("label", { for: "key-name" }, "Screen name", name), h("button", { type: "submit" }, "Create display key"));
  const active = keys.filter(k => !k.revokedAt);
  fill(container, active.length ? h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Name", "Key", "Created", "Last used", ""].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, active.map(k => h("tr", { dataset: { key: k.id } }, h("td", {}, k.name), h("td", {}, k.prefix + "…"),
      h("td", {}, f.dateTime(k.createdAt, store.timezone)), h("td", {}, k.lastUsedAt ? f.dateTime(k.lastUsedAt, store.timezone) : "never"),
      h("td", {}, h("button", { type: "button", class: "danger", "aria-label": "Revoke " + k.name, onclick: () => {
        if (confirm("Revoke the key '" + k.name + "'? Screens using it stop at once.")) {
          attempt(error, () => api("/api/v1/auth/api-keys/" + k.id, { method: "DELETE" }), "Key revoked.").then(reload);
        }
      } }, "Revoke"))))))) : h("p", { class: "muted" }, "No display keys for this store."), form, error, shown);
}
