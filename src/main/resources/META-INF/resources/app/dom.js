// Small DOM helpers: elements are built with text nodes, never from HTML strings, so no value can inject markup.

/** h("td", {class: "num"}, "12") → an element; attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form control: label text above the input. */
export function field(text, control) {
  return h("label", {}, text, control);
}

/** Shows a transient status line (announced to screen readers). */
export function status(text) {
  document.getElementById("status").textContent = text;
}

/** Shows an error the user must see; null hides it. */
export function showError(text) {
  const banner = document.getElementById("error");
  banner.textContent = text || "";
  banner.hidden = !text;
}

/** Saves a Blob as a file through a temporary object URL. */
export function download(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Redraws part of a page without losing the keyboard focus: the element focused before (found again by its tag,
 * id, href and place among its like) gets it back, so live updates never throw a keyboard user off.
 */
export function keepingFocus(container, redraw) {
  const active = document.activeElement;
  if (!active || active === document.body || !container.contains(active)) return redraw();
  const like = el => el.tagName === active.tagName && el.id === active.id && el.getAttribute("href") === active.getAttribute("href");
  const place = [...container.querySelectorAll(active.tagName)].filter(like).indexOf(active);
  redraw();
  const again = [...container.querySelectorAll(active.tagName)].filter(like)[place];
  if (again) again.focus({ preventScroll: true });
}

/** Runs a change, showing its problem+json detail in the form's error line; true when it succeeded. */
export async function attempt(error, work, done) {
  error.textContent = "";
  try {
    await work();
    if (done) status(done);
    return true;
  } catch (e) {
    error.textContent = e.message;
    return false;
  }
}
