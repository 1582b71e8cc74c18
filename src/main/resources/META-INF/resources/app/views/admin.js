// The admin pages: users (create, roles, stores, disable), API keys (create, revoke) and the audit log with filters.

import { h, fill, attempt } from "../dom.js";
import { api, query } from "../session.js";
import * as f from "../format.js";

const ROLES = ["admin", "manager", "viewer", "display", "ingest"];
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export async function renderAdmin(main, [page]) {
  const tabs = h("nav", { class: "tabs", "aria-label": "Admin" }, [["users", "Users"], ["keys", "API keys"], ["audit", "Audit log"]]
    .map(([p, text]) => h("a", { href: "#/admin/" + p, "aria-current": p === page ? "page" : null }, text)));
  const body = h("div");
  const titles = { users: "Users", keys: "API keys", audit: "Audit log" };
  fill(main, h("h1", {}, titles[page]), tabs, body);
  const stores = await api("/api/v1/stores");
  await ({ users, keys, audit })[page](body, stores);
}

function roleChecks(prefix, chosen = []) {
  return h("fieldset", { class: "inline" }, h("legend", {}, "Roles"), ROLES.map(r =>
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "role", value: r, id: prefix + "-role-" + r, checked: chosen.includes(r) }), r)));
}

function storeSelect(id, stores, chosen = []) {
  const select = h("select", { id, multiple: true, size: Math.min(6, Math.max(2, stores.length)) },
    stores.map(s => h("option", { value: s.id, selected: chosen.includes(s.id) }, s.name + " (" + s.id + ")")));
  return select;
}

const checked = container => [...container.querySelectorAll("input[name=role]:checked")].map(i => i.value);
const selected = select => [...select.selectedOptions].map(o => o.value);

async function users(container, stores) {
  const list = await api("/api/v1/auth/users");
  const error = h("p", { class: "form-error", role: "alert" });
  const reload = () => users(container, stores);
  const username = h("input", { id: "new-username", required: true, autocomplete: "off" });
  const password = h("input", { id: "new-user-password", type: "password", required: true, minlength: 10, autocomplete: "new-password" });
  const roles = roleChecks("new", ["viewer"]);
  const storeIds = storeSelect("new-user-stores", stores);
  const form = h("form", { class: "card", id: "new-user", onsubmit: async e => {
    e.preventDefault();
    const body = { username: username.value, password: password.value, roles: checked(roles), stores: selected(storeIds) };
    if (await attempt(error, () => api("/api/v1/auth/users", { method: "POST", body }), "User " + body.username + " created.")) reload();
  } }, h("h2", {}, "New user"), h("div", { class: "inline" }, h("label", { for: "new-username" }, "Username", username),
    h("label", { for: "new-user-password" }, "Password (10 or more characters)", password)),
  roles, h("label", { for: "new-user-stores" }, "Stores (none: all, for admins)", storeIds), h("button", { type: "submit" }, "Create user"));

  const row = user => {
    const rowRoles = roleChecks("u-" + user.username, user.roles);
    const rowStores = storeSelect("stores-" + user.username, stores, user.stores);
    rowStores.setAttribute("aria-label", "Stores of " + user.username);
    const save = () => attempt(error, () => api("/api/v1/auth/users/" + encodeURIComponent(user.username),
      { method: "PATCH", body: { roles: checked(rowRoles), stores: selected(rowStores) } }), "User " + user.username + " saved.").then(reload);
    const toggle = () => attempt(error, () => api("/api/v1/auth/users/" + encodeURIComponent(user.username),
      { method: "PATCH", body: { disabled: !user.disabled } }), "User " + user.username + (user.disabled ? " enabled." : " disabled.")).then(reload);
    return h("tr", { dataset: { user: user.username } }, h("th", { scope: "row" }, user.username, user.disabled ? h("div", { class: "badge" }, "disabled") : null),
      h("td", {}, rowRoles), h("td", {}, rowStores),
      h("td", {}, h("button", { type: "button", onclick: save, "aria-label": "Save " + user.username }, "Save"), " ",
        h("button", { type: "button", class: user.disabled ? "secondary" : "danger", onclick: toggle },
          user.disabled ? "Enable" : "Disable", h("span", { class: "visually-hidden" }, " " + user.username))));
  };
  fill(container, form, error, h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["User", "Roles", "Stores", ""].map(t => h("th", { scope: "col" }, t)))), h("tbody", {}, list.map(row)))));
}

async function keys(container, stores) {
  const list = await api("/api/v1/auth/api-keys");
  const error = h("p", { class: "form-error", role: "alert" });
  const reload = () => keys(container, stores);
  const name = h("input", { id: "api-key-name", required: true, maxlength: 100 });
  const roles = roleChecks("key", ["ingest"]);
  const storeIds = storeSelect("api-key-stores", stores);
  const expires = h("input", { id: "api-key-expires", type: "date" });
  const shown = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card", onsubmit: async e => {
    e.preventDefault();
    let created;
    const body = { name: name.value, roles: checked(roles), stores: selected(storeIds),
      expiresAt: expires.value ? new Date(expires.value + "T00:00:00").toISOString() : undefined };
    if (!await attempt(error, async () => { created = await api("/api/v1/auth/api-keys", { method: "POST", body }); })) return;
    await reload();
    container.querySelector("#created-key").append(h("div", { class: "card" }, h("p", {}, h("strong", {}, "The key is shown only now: "), "copy it."),
      h("p", { class: "secret", id: "created-key-value" }, created.key)));
  } }, h("h2", {}, "New API key"), h("label", { for: "api-key-name" }, "Name", name), roles,
  h("label", { for: "api-key-stores" }, "Stores", storeIds), h("label", { for: "api-key-expires" }, "Expires (optional)", expires),
  h("button", { type: "submit" }, "Create key"));
  shown.id = "created-key";
  fill(container, form, error, shown, h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, ["Name", "Key", "Roles", "Stores", "Created", "Last used", ""].map(t => h("th", { scope: "col" }, t)))),
    h("tbody", {}, list.map(k => h("tr", { dataset: { key: k.id }, class: k.revokedAt ? "muted" : "" }, h("td", {}, k.name), h("td", {}, k.prefix + "…"),
      h("td", {}, k.roles.join(", ")), h("td", {}, k.stores.join(", ")), h("td", {}, f.dateTime(k.createdAt, zone) + " by " + k.createdBy),
      h("td", {}, k.lastUsedAt ? f.dateTime(k.lastUsedAt, zone) : "never"),
      h("td", {}, k.revokedAt ? "revoked " + f.dateTime(k.revokedAt, zone) : h("button", { type: "button", class: "danger", "aria-label": "Revoke " + k.name,
        onclick: () => { if (confirm("Revoke the key '" + k.name + "'?")) attempt(error, () => api("/api/v1/auth/api-keys/" + k.id, { method: "DELETE" }), "Key revoked.").then(reload); } },
      "Revoke"))))))));
}

async function audit(container) {
  const input = (id, label, attrs = {}) => h("label", { for: id }, label, h("input", { id, ...attrs }));
  const choice = (id, label, values) => h("label", { for: id }, label, h("select", { id }, h("option", { value: "" }, "any"),
    values.map(v => h("option", { value: v }, v))));
  const error = h("p", { class: "form-error", role: "alert" });
  const rows = h("tbody");
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Older entries");
  let before = null;
  const value = id => container.querySelector("#" + id).value;
  const instant = id => value(id) ? new Date(value(id)).toISOString() : null;
  const load = async append => {
    error.textContent = "";
    try {
      const page = await api("/api/v1/audit" + query({ actor: value("audit-actor"), action: value("audit-action"), result: value("audit-result"),
        interface: value("audit-interface"), from: instant("audit-from"), to: instant("audit-to"), limit: 50, before: append ? before : null }));
      const lines = page.items.map(e => h("tr", {}, h("td", {}, f.dateTime(e.at, zone)), h("td", {}, e.actor || ""), h("td", {}, e.interface),
        h("td", {}, e.action), h("td", {}, e.target || ""), h("td", {}, e.result), h("td", { class: "num" }, String(e.occurrences)),
        h("td", {}, e.detail ? JSON.stringify(e.detail) : "")));
      if (append) rows.append(...lines); else fill(rows, lines.length ? lines : h("tr", {}, h("td", { colspan: 8 }, "No entries.")));
      before = page.nextBefore;
      more.hidden = !before;
    } catch (e) {
      error.textContent = e.message;
    }
  };
  more.addEventListener("click", () => load(true));
  fill(container, h("form", { class: "inline card", onsubmit: e => { e.preventDefault(); load(false); } },
    input("audit-actor", "Actor"), input("audit-action", "Action", { placeholder: "auth.login" }),
    choice("audit-result", "Result", ["success", "failure", "denied"]), choice("audit-interface", "Interface", ["rest", "websocket", "telegram", "system"]),
    input("audit-from", "From", { type: "datetime-local" }), input("audit-to", "To", { type: "datetime-local" }),
    h("button", { type: "submit" }, "Filter")), error,
  h("div", { class: "table-wrap" }, h("table", { id: "audit-log" }, h("thead", {}, h("tr", {},
    ["When", "Actor", "Via", "Action", "Target", "Result", "Times", "Detail"].map(t => h("th", { scope: "col" }, t)))), rows)), more);
  await load(false);
}
