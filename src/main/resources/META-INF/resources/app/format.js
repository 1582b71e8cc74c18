// Numbers, money, percentages and dates in the browser's locale, money in the store's currency, times in its zone.

const locale = navigator.language || "en";
const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyFormats = new Map();

export const DASH = "—";

export function count(value) {
  return value === null || value === undefined ? DASH : integer.format(value);
}

export function number(value) {
  return value === null || value === undefined ? DASH : decimal.format(value);
}

/** A fraction (0.2143) as a percentage. */
export function share(value) {
  return value === null || value === undefined ? DASH : percent.format(value);
}

/** A change in percent (6.38 → "+6.4 %"). */
export function change(changePercent) {
  if (changePercent === null || changePercent === undefined || !isFinite(changePercent)) return DASH;
  return (changePercent > 0 ? "+" : "") + percent.format(changePercent / 100);
}

/** A decimal amount given as text ("5120.40"), in a currency. */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return DASH;
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format.format(Number(amount));
}

/** An instant as date and time in a time zone (the store's). */
export function dateTime(instant, timeZone) {
  if (!instant) return DASH;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(instant));
}

export function time(instant, timeZone) {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(new Date(instant));
}

/** A local date (YYYY-MM-DD) as a long date, e.g. "Wednesday, 2 December 2026". */
export function day(isoDate) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant, timeZone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

/** A local date moved by whole days. */
export function addDays(isoDate, days) {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The sign of a change, for colour: "up", "down" or "". */
export function trend(changeValue) {
  return changeValue > 0 ? "up" : changeValue < 0 ? "down" : "";
}

/** An amount in minor units (cents) in a currency: JPY has none, EUR two. */
export function moneyMinor(minor, currency) {
  if (minor === null || minor === undefined) return DASH;
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  return money(minor / 10 ** digits, currency);
}
