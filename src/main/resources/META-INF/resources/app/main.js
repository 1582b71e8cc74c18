// The dashboard's entry point: sign-in, the navigation for the user's roles and a hash router over the views.

import { h, fill, showError, status } from "./dom.js";
import { onSessionChange, restore, signIn, signOut, user } from "./session.js";
import { renderOverview } from "./views/overview.js";
import { renderStore } from "./views/store.js";
import { renderSettings } from "./views/settings.js";
import { renderAccount } from "./views/account.js";
import { renderAdmin } from "./views/admin.js";

const main = document.getElementById("main");
let leave = () => {};
let pages = 0; // counts page changes

const routes = [
  { pattern: /^#\/$/, view: renderOverview },
  { pattern: /^#\/stores\/([a-z0-9-]+)$/, view: renderStore },
  { pattern: /^#\/stores\/([a-z0-9-]+)\/settings$/, view: renderSettings, allowed: u => u.isAdmin || u.isManager },
  { pattern: /^#\/account$/, view: renderAccount },
  { pattern: /^#\/admin\/(users|keys|audit)$/, view: renderAdmin, allowed: u => u.isAdmin },
];

function navigation(u) {
  const items = [["#/", "Overview"]];
  if (u.isAdmin) items.push(["#/admin/users", "Users"], ["#/admin/keys", "API keys"], ["#/admin/audit", "Audit log"]);
  items.push(["#/account", "Account"]);
  fill(document.getElementById("nav"), items.map(([href, text]) => h("li", {}, h("a", { href }, text))));
  document.getElementById("who").textContent = u.name + " (" + u.roles.join(", ") + ")";
}

function markCurrent() {
  for (const link of document.querySelectorAll("#nav a")) {
    const current = location.hash === link.getAttribute("href")
      || (link.getAttribute("href") === "#/" && location.hash.startsWith("#/stores/"));
    if (current) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
}

async function route() {
  leave();
  leave = () => {};
  showError(null);
  status("");
  const u = user();
  if (!u) {
    pages++;
    return renderSignIn();
  }
  if (!location.hash || location.hash === "#") { location.replace("#/"); return; }
  markCurrent();
  for (const { pattern, view, allowed } of routes) {
    const match = location.hash.match(pattern);
    if (!match) continue;
    if (allowed && !allowed(u)) {
      fill(main, h("h1", {}, "Not available"), h("p", {}, "Your role does not include this page."));
      return;
    }
    // Each page draws into its own element: one still loading when the user moves on writes into a detached
    // element and is closed when it is done, never over the page that replaced it.
    const generation = ++pages;
    const page = h("div", {}, h("p", { class: "muted" }, "Loading…"));
    fill(main, page);
    try {
      const close = (await view(page, match.slice(1), u)) || (() => {});
      if (generation !== pages) return close();
      leave = close;
    } catch (e) {
      if (generation !== pages) return;
      fill(page, h("h1", {}, "Could not load this page"), h("p", { class: "form-error" }, e.message));
    }
    document.title = (main.querySelector("h1")?.textContent || "Dashboard") + " · Retail Intelligence";
    // A new page: keyboard and screen-reader users start at its content, as after a full page load.
    main.focus({ preventScroll: true });
    return;
  }
  fill(main, h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/" }, "Back to the overview")));
}

function renderSignIn() {
  document.querySelector("header.top").hidden = true;
  document.title = "Sign in · Retail Intelligence";
  const message = h("p", { class: "form-error", role: "alert", id: "sign-in-error" });
  const username = h("input", { id: "username", name: "username", autocomplete: "username", required: true });
  const password = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h("form", {
    onsubmit: async event => {
      event.preventDefault();
      submit.disabled = true;
      message.textContent = "";
      try {
        await signIn(username.value, password.value);
      } catch (e) {
        message.textContent = e.status === 429
          ? "Too many attempts. Please wait " + waitText(e.retryAfter) + " before trying again."
          : e.message;
        if (e.status === 429 && e.retryAfter) setTimeout(() => { submit.disabled = false; }, e.retryAfter * 1000);
        else submit.disabled = false;
      }
    },
  }, h("label", { for: "username" }, "Username"), username, h("label", { for: "password" }, "Password"), password, message, submit);
  fill(main, h("section", { class: "login card" }, h("h1", {}, "Sign in"), form));
  username.focus();
}

function waitText(seconds) {
  if (!seconds) return "a moment";
  return seconds < 90 ? seconds + " seconds" : Math.ceil(seconds / 60) + " minutes";
}

onSessionChange(u => {
  if (u) {
    document.querySelector("header.top").hidden = false;
    navigation(u);
  }
  route();
});

document.getElementById("sign-out").addEventListener("click", async () => {
  await signOut();
  location.hash = "#/";
});
window.addEventListener("hashchange", route);

restore().then(ok => { if (!ok) route(); });
