// A store's unresolved alerts (open and acknowledged), kept by the alerts feed, with an Acknowledge button
// for managers and admins.

import { h, fill, keepingFocus } from "../dom.js";
import { api, user } from "../session.js";
import * as f from "../format.js";

export async function alertList(container, store) {
  const alerts = new Map();
  const load = async status => {
    const page = await api("/api/v1/alerts?limit=200&status=" + status + "&storeId=" + encodeURIComponent(store.id));
    page.items.forEach(a => alerts.set(a.id, a));
  };
  await Promise.all([load("open"), load("acknowledged")]);
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
        alerts.set(alert.id, await api("/api/v1/alerts/" + alert.id + "/ack", { method: "POST" }));
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
    apply(message) {
      if (message.type === "alert") {
        alerts.set(message.alertId, { id: message.alertId, severity: message.severity, message: message.message,
          firedAt: message.firedAt, status: "open" });
      } else if (message.type === "alert-resolved") {
        alerts.delete(message.alertId);
      } else {
        return;
      }
      draw();
    },
  };
}
