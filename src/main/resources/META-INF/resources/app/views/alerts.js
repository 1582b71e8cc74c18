// A store's unresolved alerts (open and acknowledged), kept by the alerts feed, with an Acknowledge button
// for managers and admins.

import { h, fill, keepingFocus } from "../dom.js";
import { api, user } from "../session.js";
import * as f from "../format.js";

export async function alertList(container, store) {
  let alerts = new Map();
  // Alerts acknowledged, fired or resolved here while a reload is on its way: the reload's answer may predate them.
  const changedDuringLoads = new Set();
  const change = (id, alert) => {
    if (alert) alerts.set(id, alert); else alerts.delete(id);
    changedDuringLoads.forEach(changes => changes.set(id, alert));
  };
  const read = async status => (await api("/api/v1/alerts?limit=200&status=" + status + "&storeId=" + encodeURIComponent(store.id))).items;
  const loadAll = async () => {
    const changes = new Map();
    changedDuringLoads.add(changes);
    try {
      const [open, acknowledged] = await Promise.all([read("open"), read("acknowledged")]);
      const loaded = new Map([...open, ...acknowledged].map(a => [a.id, a]));
      changes.forEach((alert, id) => alert ? loaded.set(id, alert) : loaded.delete(id));
      alerts = loaded;
    } finally {
      changedDuringLoads.delete(changes);
    }
  };
  await loadAll();
  const mayAcknowledge = user().isAdmin || user().isManager;

  const draw = () => {
    const list = [...alerts.values()].sort((a, b) => b.firedAt.localeCompare(a.firedAt));
    keepingFocus(container, () => fill(container, list.length ? list.map(item) : h("p", { class: "muted", id: "no-alerts" }, "No open alerts.")));
  };

  const item = alert => {
    const error = h("span", { class: "form-error", role: "alert" });
    const acknowledge = async button => {
      button.disabled = true;
      try {
        change(alert.id, await api("/api/v1/alerts/" + alert.id + "/ack", { method: "POST" }));
        draw();
      } catch (e) {
        error.textContent = e.message;
        button.disabled = false;
      }
    };
    return h("div", { class: "card alert-item " + alert.severity, dataset: { alert: alert.id } },
      h("div", {}, h("span", { class: "badge" }, alert.severity), " ", h("strong", {}, alert.message),
        h("div", { class: "muted" }, "Since ", f.dateTime(alert.firedAt, store.timezone),
          alert.acknowledgedAt ? " · acknowledged by " + alert.acknowledgedBy + " at " + f.time(alert.acknowledgedAt, store.timezone) : "")),
      mayAcknowledge && !alert.acknowledgedAt
        ? h("button", { type: "button", class: "secondary", onclick: e => acknowledge(e.currentTarget) }, "Acknowledge")
        : null,
      error);
  };

  draw();
  return {
    /** Reads the list again (the feed reconnected: alerts may have fired or resolved meanwhile). */
    async reload() {
      await loadAll();
      draw();
    },
    apply(message) {
      if (message.type === "alert") {
        change(message.alertId, { id: message.alertId, severity: message.severity, message: message.message,
          firedAt: message.firedAt, status: "open" });
      } else if (message.type === "alert-resolved") {
        change(message.alertId, null);
      } else {
        return;
      }
      draw();
    },
  };
}
