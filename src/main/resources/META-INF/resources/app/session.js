// The signed-in session and every REST call: the access token lives in memory only and is renewed with the
// refresh token before it expires; the refresh token is kept in this tab's sessionStorage, so a reload stays
// signed in and closing the tab ends it. API errors become ApiError with the problem+json detail.

const REFRESH_KEY = "retail.refresh";
let access = null;       // {token, claims}
let refreshing = null;   // the one refresh in flight (refresh tokens work once)
let renewTimer = null;
const listeners = new Set();

/** An API answer that was not a success, with the problem+json detail a person can read. */
export class ApiError extends Error {
  constructor(status, detail, problem = {}, retryAfter = null) {
    super(detail);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

/** Listens for signing in and out (not for token renewals). */
export function onSessionChange(listener) {
  listeners.add(listener);
}

function changed() {
  for (const listener of listeners) listener(access ? user() : null);
}

/** The signed-in user from the token's claims: name, roles and stores (empty for admins: all stores). */
export function user() {
  if (!access) return null;
  const c = access.claims;
  const roles = c.groups || [];
  return {
    name: c.upn || c.sub, roles, stores: c.stores || [],
    isAdmin: roles.includes("admin"), isManager: roles.includes("manager"),
  };
}

export function accessToken() {
  return access && access.token;
}

function claimsOf(token) {
  const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

function accept(tokens) {
  const wasSignedIn = access !== null;
  access = { token: tokens.access_token, claims: claimsOf(tokens.access_token) };
  sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
  clearTimeout(renewTimer);
  // Renew a minute before expiry (or halfway through a very short token's life).
  const lifeMs = access.claims.exp * 1000 - Date.now();
  renewTimer = setTimeout(() => refresh().catch(() => {}), Math.max(5000, Math.min(lifeMs - 60000, lifeMs / 2)));
  if (!wasSignedIn) changed();
}

function forget() {
  const wasSignedIn = access !== null;
  access = null;
  clearTimeout(renewTimer);
  sessionStorage.removeItem(REFRESH_KEY);
  if (wasSignedIn) changed();
}

async function problemOf(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch (ignored) { /* not JSON: keep the status text */ }
  let detail = problem.detail || problem.title || response.statusText || ("HTTP " + response.status);
  if (Array.isArray(problem.errors) && problem.errors.length) {
    detail += " " + problem.errors.map(e => (e.field ? e.field + ": " : "") + e.message).join("; ");
  }
  const retryAfter = response.headers.get("Retry-After");
  return new ApiError(response.status, detail, problem, retryAfter === null ? null : Number(retryAfter));
}

async function post(path, body) {
  return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

export async function signIn(username, password) {
  const response = await post("/api/v1/auth/login", { username, password });
  if (!response.ok) throw await problemOf(response);
  accept(await response.json());
}

/** Renews the tokens; on failure the session ends. Concurrent callers share one refresh. */
export function refresh() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return Promise.reject(new ApiError(401, "Not signed in."));
  if (!refreshing) {
    refreshing = post("/api/v1/auth/refresh", { refresh_token: refreshToken })
      .then(async response => {
        if (response.ok) return accept(await response.json());
        const error = await problemOf(response);
        if (response.status === 401 || response.status === 400) forget();
        throw error;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** Signs in again from this tab's refresh token, if it holds one. */
export async function restore() {
  if (!sessionStorage.getItem(REFRESH_KEY)) return false;
  try {
    await refresh();
    return true;
  } catch (e) {
    return false;
  }
}

/** Revokes the refresh token and forgets the session. */
export async function signOut() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  // Revoked first, so that once the page shows "signed out" the refresh token no longer works anywhere.
  if (refreshToken) await post("/api/v1/auth/logout", { refresh_token: refreshToken }).catch(() => {});
  forget();
}

async function send(path, options) {
  const headers = { Authorization: "Bearer " + accessToken(), ...(options.headers || {}) };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(path, {
    method: options.method || "GET", headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/**
 * Calls the REST API as the signed-in user. Answers the parsed JSON (null for 204), or a Blob with
 * {blob: true}; throws ApiError otherwise. An expired access token is renewed once and the call repeated.
 */
export async function api(path, options = {}) {
  if (!access) await refresh();
  let response = await send(path, options);
  if (response.status === 401 && sessionStorage.getItem(REFRESH_KEY)) {
    await refresh();
    response = await send(path, options);
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401) forget();
    throw error;
  }
  if (options.blob) return response.blob();
  if (response.status === 204) return null;
  return response.json();
}

/** Builds a query string from the non-empty values of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    for (const one of [].concat(value)) search.append(name, one);
  }
  const text = search.toString();
  return text ? "?" + text : "";
}
