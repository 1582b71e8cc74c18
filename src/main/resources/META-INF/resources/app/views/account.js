// The signed-in user's own page: linking a Telegram chat (a one-time code and its t.me link) and the password.

import { h, fill } from "../dom.js";
import { api, user } from "../session.js";
import * as f from "../format.js";

export async function renderAccount(main) {
  const u = user();
  const linkOut = h("div", { id: "link-code", "aria-live": "polite" });
  const linkError = h("p", { class: "form-error", role: "alert" });
  const link = async () => {
    linkError.textContent = "";
    try {
      const code = await api("/api/v1/telegram/link-codes", { method: "POST" });
      fill(linkOut, h("p", {}, "Send ", h("strong", { class: "secret", id: "link-code-value" }, "/link " + code.code),
        " to the bot, or open ", code.deepLink ? h("a", { href: code.deepLink, target: "_blank", rel: "noopener", id: "link-deep" }, code.deepLink) : "the bot",
        ". The code works once, until ", f.dateTime(code.expiresAt, Intl.DateTimeFormat().resolvedOptions().timeZone), "."));
    } catch (e) {
      linkError.textContent = e.message;
    }
  };

  const current = h("input", { id: "current-password", type: "password", autocomplete: "current-password", required: true });
  const next = h("input", { id: "new-password", type: "password", autocomplete: "new-password", required: true, minlength: 10 });
  const passwordError = h("p", { class: "form-error", role: "alert" });
  const passwordDone = h("p", { role: "status" });
  const password = h("form", { class: "inline", onsubmit: async e => {
    e.preventDefault();
    passwordError.textContent = "";
    passwordDone.textContent = "";
    try {
      await api("/api/v1/auth/password", { method: "PUT", body: { currentPassword: current.value, newPassword: next.value } });
      passwordDone.textContent = "Password changed. Other sessions end when their tokens expire.";
      current.value = next.value = "";
    } catch (err) {
      passwordError.textContent = err.message;
    }
  } }, h("label", { for: "current-password" }, "Current password", current), h("label", { for: "new-password" }, "New password (10 or more characters)", next),
  h("button", { type: "submit" }, "Change password"));

  fill(main, h("h1", {}, "Account"),
    h("p", {}, "Signed in as ", h("strong", {}, u.name), " with roles ", u.roles.join(", "), ".",
      u.stores.length ? " Stores: " + u.stores.join(", ") + "." : u.isAdmin ? " All stores." : ""),
    h("section", { class: "card", id: "telegram" }, h("h2", {}, "Link Telegram"),
      h("p", {}, "Get the day's figures, reports and alerts in a Telegram chat with the bot."),
      h("button", { type: "button", id: "link-telegram", onclick: link }, "Link Telegram"), linkError, linkOut),
    h("section", { class: "card" }, h("h2", {}, "Password"), password, passwordError, passwordDone));
}
