// The dashboard in Debian's headless Chromium, driven by playwright-core (node --test). Run by
// com.retailintelligence.dashboard.DashboardBrowserTest against a @QuarkusTest instance: BASE_URL, ADMIN_PASSWORD,
// SCREENSHOTS (a folder for the pages at desktop and phone width). Every test checks that the page asked no other host.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL.replace(/\/$/, "");
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;
const SHOTS = process.env.SCREENSHOTS;
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const WAIT = { timeout: 15000 };
let browser;

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
});
after(async () => { await browser?.close(); });

// --- REST helpers (the same API the dashboard uses) ---

async function rest(path, { token, method = "GET", body, headers = {} } = {}) {
  const response = await fetch(BASE + path, { method, headers: { ...(token ? { Authorization: "Bearer " + token } : {}),
    ...(body ? { "Content-Type": "application/json" } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function login(username, password) {
  const answer = await rest("/api/v1/auth/login", { method: "POST", body: { username, password } });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.access_token;
}

const unique = prefix => prefix + "-" + Math.random().toString(36).slice(2, 10);
const admin = () => login("admin", ADMIN_PASSWORD);

async function store(token, { timezone = "Europe/Lisbon", currency = "EUR", capacity } = {}) {
  const id = unique("dash");
  const answer = await rest("/api/v1/stores", { token, method: "POST",
    body: { id, name: "Dash " + id.slice(5), timezone, currency, ...(capacity ? { capacity } : {}) } });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return id;
}

async function traffic(token, storeId, visitors, out = 0) {
  const answer = await rest("/api/v1/traffic/events", { token, method: "POST",
    body: [{ id: unique("t"), storeId, sensorId: "door-1", timestamp: new Date(Date.now() - 5000).toISOString(), in: visitors, out }] });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

async function sale(token, storeId, amount) {
  const answer = await rest("/api/v1/sales/events", { token, method: "POST",
    body: [{ id: unique("s"), storeId, timestamp: new Date(Date.now() - 5000).toISOString(), amount, currency: "EUR", items: 2, type: "sale" }] });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

// --- Browser helpers ---

/** A fresh browser context whose requests are logged: any to another host fails the test at close. */
async function open(viewport = DESKTOP, extraHeaders) {
  const context = await browser.newContext({ viewport, extraHTTPHeaders: extraHeaders });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  const own = new URL(BASE).host;
  const check = url => {
    const u = new URL(url);
    if (["http:", "https:", "ws:", "wss:"].includes(u.protocol) && u.host !== own) foreign.push(url);
  };
  page.on("request", request => check(request.url()));
  page.on("websocket", socket => check(socket.url()));
  page.on("pageerror", error => errors.push(error.message));
  page.on("dialog", dialog => dialog.accept());
  page.close = async () => {
    await context.close();
    assert.deepEqual(foreign, [], "the dashboard asked another host than the service");
    assert.deepEqual(errors, [], "uncaught errors in the page");
  };
  return page;
}

async function signIn(page, username, password) {
  await page.goto(BASE + "/");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#nav").waitFor(WAIT);
}

/** Every form control on the page has a name a screen reader can say: a label, an aria-label or its text. */
async function assertLabelled(page) {
  const unnamed = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")]
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label") && !(el.tagName === "BUTTON" && el.textContent.trim()))
    .map(el => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unnamed, [], "controls without a label");
}

/** Every visible text has a contrast of at least 4.5:1 (WCAG AA) against the background behind it. */
async function assertContrast(page) {
  const low = await page.evaluate(() => {
    const rgb = text => (text.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const background = el => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || el.closest(":disabled, [hidden], noscript, script, .skip") || !el.getClientRects().length) continue;
      const a = luminance(rgb(getComputedStyle(el).color).slice(0, 3)), b = luminance(background(el));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) found.push(node.textContent.trim().slice(0, 40) + " (" + ratio.toFixed(2) + ")");
    }
    return found;
  });
  assert.deepEqual(low, [], "text below 4.5:1 contrast");
}

/** Checks the page's labels and contrast and keeps a screenshot of it. */
async function shot(page, name) {
  await assertLabelled(page);
  await assertContrast(page);
  if (SHOTS) await page.screenshot({ path: SHOTS + "/" + name + ".png", fullPage: true });
}

const figure = (page, storeId, name) => page.locator(`[data-store="${storeId}"] [data-figure="${name}"]`);

// --- The tests ---

test("sign in: overview figures equal the REST answers and follow an ingested event", async () => {
  const token = await admin();
  const id = await store(token);
  await traffic(token, id, 40, 5);
  await sale(token, id, "19.90");
  await sale(token, id, "7.50");

  const page = await open();
  await signIn(page, "admin", ADMIN_PASSWORD);
  await figure(page, id, "visitors").waitFor(WAIT);
  const rest_ = (await rest("/api/v1/analytics/summary", { token })).body.stores.find(s => s.storeId === id).figures;
  const value = async name => figure(page, id, name).getAttribute("data-value");
  assert.equal(await value("visitors"), String(rest_.visitors));
  assert.equal(await value("transactions"), String(rest_.transactions));
  assert.equal(await value("revenue"), rest_.revenue);
  assert.equal(await value("occupancy"), String(rest_.occupancy));
  assert.equal(Number(await value("conversion")), rest_.conversionRate);
  // Shown in the browser's locale and the store's currency.
  const expected = await page.evaluate(([v, r]) => [new Intl.NumberFormat(navigator.language).format(v),
    new Intl.NumberFormat(navigator.language, { style: "currency", currency: "EUR" }).format(Number(r))], [rest_.visitors, rest_.revenue]);
  assert.equal(await figure(page, id, "visitors").textContent(), expected[0]);
  assert.equal(await figure(page, id, "revenue").textContent(), expected[1]);
  await shot(page, "overview-desktop");

  await traffic(token, id, 3);
  await page.waitForFunction(([s, n]) => document.querySelector(`[data-store="${s}"] [data-figure="visitors"]`)?.dataset.value === n,
    [id, String(rest_.visitors + 3)], WAIT);
  await sale(token, id, "10.00");
  await page.waitForFunction(([s, n]) => document.querySelector(`[data-store="${s}"] [data-figure="transactions"]`)?.dataset.value === n,
    [id, String(rest_.transactions + 1)], WAIT);

  // The store page shows the store summary's figures, and follows events too.
  await page.getByRole("link", { name: "Dash " + id.slice(5) }).first().click();
  await page.locator("#fig-visitors .value").waitFor(WAIT);
  const summary = (await rest("/api/v1/analytics/" + id + "/summary", { token })).body.figures;
  assert.equal(await page.locator("#fig-visitors .value").getAttribute("data-value"), String(summary.visitors));
  assert.equal(await page.locator("#fig-revenue .value").getAttribute("data-value"), summary.revenue);
  assert.equal(await page.locator("#fig-atv .value").getAttribute("data-value"), summary.atv);
  await page.locator("#hourly-chart").waitFor(WAIT);
  await traffic(token, id, 2);
  await page.waitForFunction(n => document.querySelector("#fig-visitors .value")?.dataset.value === n, String(summary.visitors + 2), WAIT);
  await page.close();
});

test("a wrong password and the login throttle are shown, and signing out revokes the refresh token", async () => {
  const address = "10.77." + Math.floor(Math.random() * 250) + "." + Math.floor(Math.random() * 250);
  const page = await open(DESKTOP, { "X-Forwarded-For": address });
  await page.goto(BASE + "/");
  await page.getByLabel("Username").fill(unique("nobody")); // not admin: its failures would count against the admin's logins
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Invalid username or password.").waitFor(WAIT);

  const victim = unique("throttled");
  for (let i = 0; i < 6; i++) {
    await rest("/api/v1/auth/login", { method: "POST", body: { username: victim, password: "wrong-password" }, headers: { "X-Forwarded-For": address } });
  }
  await page.getByLabel("Username").fill(victim);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(/Too many attempts\. Please wait \d+ (seconds|minutes) before trying again\./).waitFor(WAIT);
  assert.equal(await page.getByRole("button", { name: "Sign in" }).isDisabled(), true);
  await shot(page, "sign-in-throttled");
  await page.close();

  const again = await open();
  await signIn(again, "admin", ADMIN_PASSWORD);
  const refreshToken = await again.evaluate(() => sessionStorage.getItem("retail.refresh"));
  assert.ok(refreshToken);
  assert.equal(await again.evaluate(() => localStorage.length), 0, "nothing kept in localStorage");
  await again.getByRole("button", { name: "Sign out" }).click();
  await again.getByRole("button", { name: "Sign in" }).waitFor(WAIT);
  assert.equal((await rest("/api/v1/auth/refresh", { method: "POST", body: { refresh_token: refreshToken } })).status, 401);
  await again.close();
});

test("signing in and moving around work from the keyboard alone; the account page links Telegram", async () => {
  const page = await open();
  await page.goto(BASE + "/");
  await page.locator("#username").waitFor(WAIT);
  assert.equal(await page.evaluate(() => document.activeElement.id), "username", "the username field has the focus");
  await page.keyboard.type("admin");
  await page.keyboard.press("Tab");
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press("Enter");
  await page.locator("#nav").waitFor(WAIT);
  await page.locator("#store-cards").waitFor(WAIT);
  // Each page starts at its content; Tab moves to its first link, Enter follows it, and so on.
  await page.waitForFunction(() => document.activeElement?.id === "main", null, WAIT);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.getAttribute("href")]);
  assert.equal(first[0], "A");
  assert.match(first[1], /^#\/stores\//);
  await page.keyboard.press("Enter");
  await page.locator("#fig-visitors").waitFor(WAIT);
  await page.waitForFunction(() => document.activeElement?.id === "main", null, WAIT);
  // Back from the content: the header's controls (last of them Sign out) come before it.
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Sign out");

  const token = await admin();
  const code = await rest("/api/v1/telegram/link-codes", { token, method: "POST" });
  await page.goto(BASE + "/#/account");
  await page.getByRole("button", { name: "Link Telegram" }).click();
  if (code.status === 201) {
    await page.locator("#link-code-value").waitFor(WAIT);
    assert.match(await page.locator("#link-code-value").textContent(), /^\/link \S+$/);
  } else {
    await page.locator("#telegram .form-error").filter({ hasText: code.body.detail }).waitFor(WAIT); // the bot is off: its detail shown
  }
  await shot(page, "account-desktop");
  await page.close();
});

test("an alert is acknowledged from the store page", async () => {
  const token = await admin();
  const id = await store(token, { capacity: 10 });
  const rule = await rest("/api/v1/stores/" + id + "/alert-rules", { token, method: "POST", body: { type: "occupancy", percent: 50 } });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  await new Promise(r => setTimeout(r, 1500)); // every replica's rule book reloads on the announcement
  await traffic(token, id, 8);
  let open_;
  for (let i = 0; i < 50 && !open_; i++) {
    open_ = (await rest("/api/v1/alerts?status=open&storeId=" + id, { token })).body.items[0];
    if (!open_) await new Promise(r => setTimeout(r, 200));
  }
  assert.ok(open_, "the occupancy alert fired");

  const page = await open();
  await signIn(page, "admin", ADMIN_PASSWORD);
  assert.equal(await figure(page, id, "alerts").getAttribute("data-value"), "1");
  await page.goto(BASE + "/#/stores/" + id);
  const item = page.locator(`[data-alert="${open_.id}"]`);
  await item.waitFor(WAIT);
  await shot(page, "store-desktop");
  await item.getByRole("button", { name: "Acknowledge" }).click();
  await item.getByText("acknowledged by admin").waitFor(WAIT);
  const after_ = (await rest("/api/v1/alerts?storeId=" + id, { token })).body.items[0];
  assert.equal(after_.acknowledgedBy, "admin");
  await page.close();
});

test("a display key is created, shown once, works and is revoked", async () => {
  const token = await admin();
  const id = await store(token);
  const page = await open();
  await signIn(page, "admin", ADMIN_PASSWORD);
  await page.goto(BASE + "/#/stores/" + id + "/settings");
  await page.getByLabel("Screen name").fill("Entrance screen");
  await page.getByRole("button", { name: "Create display key" }).click();
  const key = await page.locator("#new-key-value").textContent(WAIT);
  assert.match(key, /^ri_/);
  assert.equal((await rest("/api/v1/stores/" + id, { token: key })).status, 200);
  await shot(page, "settings-desktop");
  await page.getByRole("button", { name: "Revoke Entrance screen" }).click();
  await page.getByText("No display keys for this store.").waitFor(WAIT);
  assert.equal((await rest("/api/v1/stores/" + id, { token: key })).status, 401);

  // A rule with a wrong parameter: the problem+json detail is shown, nothing is stored.
  await page.goto(BASE + "/#/stores/" + id + "/settings");
  await page.locator("#rule-percent").fill("5000");
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.locator("#alert-rules .form-error").filter({ hasText: "percent" }).waitFor(WAIT);
  assert.deepEqual((await rest("/api/v1/stores/" + id + "/alert-rules", { token })).body, []);
  await page.close();
});

test("a viewer sees neither another store nor the admin pages", async () => {
  const token = await admin();
  const mine = await store(token);
  const other = await store(token);
  const username = unique("viewer");
  const created = await rest("/api/v1/auth/users", { token, method: "POST",
    body: { username, password: "viewer-password-1", roles: ["viewer"], stores: [mine] } });
  assert.equal(created.status, 201, JSON.stringify(created.body));

  const page = await open();
  await signIn(page, username, "viewer-password-1");
  await page.locator(`[data-store="${mine}"]`).waitFor(WAIT);
  assert.equal(await page.locator(`[data-store="${other}"]`).count(), 0);
  assert.equal(await page.locator("[data-store]").count(), 1);
  assert.equal(await page.getByRole("link", { name: "Users", exact: true }).count(), 0);
  assert.equal(await page.getByRole("link", { name: "Audit log", exact: true }).count(), 0);
  await page.goto(BASE + "/#/admin/users");
  await page.getByRole("heading", { name: "Not available" }).waitFor(WAIT);
  await page.goto(BASE + "/#/stores/" + other);
  await page.getByText("Could not load this page").waitFor(WAIT);
  await page.getByText(/No store/).waitFor(WAIT); // the API's 404 detail, shown
  await page.goto(BASE + "/#/stores/" + mine);
  await page.locator("#fig-visitors").waitFor(WAIT);
  assert.equal(await page.getByRole("link", { name: "Settings", exact: true }).count(), 0);
  assert.equal(await page.getByRole("button", { name: "Acknowledge" }).count(), 0);
  await page.close();
});

test("at phone width every figure is on screen", async () => {
  const token = await admin();
  const id = await store(token, { capacity: 80 });
  await traffic(token, id, 1234, 200);
  await sale(token, id, "123456.78");
  const page = await open(PHONE);
  await signIn(page, "admin", ADMIN_PASSWORD);
  await figure(page, id, "visitors").waitFor(WAIT);
  const inView = async selector => page.evaluate(sel => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(sel)].filter(el => {
      const box = el.getBoundingClientRect();
      const tile = el.closest(".tile, dd");
      const spills = tile && el.getBoundingClientRect().right > tile.getBoundingClientRect().right + 0.5;
      return box.width === 0 || box.left < 0 || box.right > width + 0.5 || spills;
    }).map(el => el.textContent);
  }, selector);
  assert.deepEqual(await inView("[data-figure], .tile .value"), [], "figures cut off at 360 px");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no sideways scrolling");
  await shot(page, "overview-phone");

  await page.goto(BASE + "/#/stores/" + id);
  await page.locator("#fig-visitors .value").waitFor(WAIT);
  assert.deepEqual(await inView(".tile .value, .tile .label"), [], "store figures cut off at 360 px");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no sideways scrolling");
  await shot(page, "store-phone");
  await page.goto(BASE + "/#/stores/" + id + "/settings");
  await page.locator("#opening-hours").waitFor(WAIT);
  await shot(page, "settings-phone");
  await page.close();

  // On a desktop too, the longest amounts stay inside their tiles.
  const wide = await open(DESKTOP);
  await signIn(wide, "admin", ADMIN_PASSWORD);
  await wide.goto(BASE + "/#/stores/" + id);
  await wide.locator("#fig-revenue .value").waitFor(WAIT);
  const spilling = await wide.evaluate(() => [...document.querySelectorAll(".tile .value")]
    .filter(el => el.getBoundingClientRect().right > el.closest(".tile").getBoundingClientRect().right + 0.5).map(el => el.textContent));
  assert.deepEqual(spilling, [], "figures spill out of their tiles at 1280 px");
  await wide.close();
});

test("admin pages: users, API keys and the audit log with filters; API errors are shown", async () => {
  const token = await admin();
  const id = await store(token);
  const page = await open();
  await signIn(page, "admin", ADMIN_PASSWORD);
  await page.getByRole("link", { name: "Users", exact: true }).click();
  const username = unique("manager");
  await page.locator("#new-username").fill("no spaces allowed");
  await page.locator("#new-user-password").fill("manager-password-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await page.locator(".form-error").filter({ hasText: "username: 3-64 letters" }).waitFor(WAIT); // the API's detail
  await page.locator("#new-username").fill(username);
  await page.locator("#new-role-manager").check();
  await page.locator("#new-role-viewer").uncheck();
  await page.locator("#new-user-stores").selectOption(id);
  await page.getByRole("button", { name: "Create user" }).click();
  await page.locator(`[data-user="${username}"]`).waitFor(WAIT);
  const made = (await rest("/api/v1/auth/users/" + username, { token })).body;
  assert.deepEqual([made.roles, made.stores], [["manager"], [id]]);
  await page.locator(`[data-user="${username}"]`).getByRole("button", { name: "Disable" }).click();
  await page.locator(`[data-user="${username}"]`).getByText("disabled").waitFor(WAIT);
  assert.equal((await rest("/api/v1/auth/users/" + username, { token })).body.disabled, true);
  await shot(page, "admin-users-desktop");

  await page.getByRole("link", { name: "Audit log", exact: true }).first().click();
  await page.locator("#audit-actor").fill("admin");
  await page.locator("#audit-action").fill("user.create");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.locator("#audit-log tbody tr", { hasText: username }).first().waitFor(WAIT);
  await shot(page, "admin-audit-desktop");

  await page.goto(BASE + "/#/admin/keys");
  await page.locator("#api-key-name").fill("Door counter");
  await page.locator("#api-key-stores").selectOption(id);
  await page.getByRole("button", { name: "Create key" }).click();
  assert.match(await page.locator("#created-key-value").textContent(WAIT), /^ri_/);
  await shot(page, "admin-keys-desktop");

  // The range view refuses a range that ends before it starts: the API's detail is shown.
  await page.goto(BASE + "/#/stores/" + id);
  await page.locator("#range-from").fill("2026-06-10");
  await page.locator("#range-to").fill("2026-06-01");
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByText("must not be before from").waitFor(WAIT);
  await page.close();
});
