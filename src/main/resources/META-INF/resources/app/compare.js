// "Against last week": today so far against the same weekday a week earlier up to the same local time,
// from that day's hourly table — a whole-day comparison would make every morning look like a collapse.

import { addDays } from "./format.js";
import { api } from "./session.js";

/** The local time of day in a zone as fractional hours (10:30 → 10.5). */
export function localHours(now, timeZone) {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(now);
  const value = type => Number(parts.find(p => p.type === type).value);
  return value("hour") + value("minute") / 60;
}

/** Sums an hourly table up to a local time of day (the hour in progress counted by the part gone by). */
export function upTo(hours, hoursOfDay) {
  const sum = { visitors: 0, transactions: 0, revenueMinor: 0 };
  for (const hour of hours) {
    const start = Number(hour.hour.slice(0, 2));
    const part = Math.max(0, Math.min(1, hoursOfDay - start));
    sum.visitors += hour.visitors * part;
    sum.transactions += hour.transactions * part;
    sum.revenueMinor += hour.revenueMinor * part;
  }
  return sum;
}

/** Last week's same weekday for a store, as {date, hours}; null when it cannot be read. */
export async function lastWeek(storeId, date) {
  const lastWeekDate = addDays(date, -7);
  try {
    const table = await api("/api/v1/analytics/" + encodeURIComponent(storeId) + "/hourly?date=" + lastWeekDate);
    return { date: lastWeekDate, hours: table.hours };
  } catch (e) {
    return null;
  }
}

/** Percent change from then to now; null when then is 0 or unknown. */
export function percentChange(now, then) {
  if (then === null || then === undefined || then === 0 || now === null || now === undefined) return null;
  return (now - then) / then * 100;
}

/**
 * Today's figures against last week's up to the same time (or the whole day when the shown day is over):
 * {visitors, revenue, conversion} changes in percent.
 */
export function changes(today, week, timeZone, isToday) {
  if (!week) return { visitors: null, revenue: null, conversion: null };
  const then = upTo(week.hours, isToday ? localHours(new Date(), timeZone) : 24);
  const conversionThen = then.visitors > 0 ? then.transactions / then.visitors : null;
  const conversionNow = today.visitors > 0 ? today.transactions / today.visitors : null;
  return {
    visitors: percentChange(today.visitors, then.visitors),
    revenue: percentChange(today.revenueMinor, then.revenueMinor),
    conversion: percentChange(conversionNow, conversionThen),
  };
}

/** Runs async work over items, a few at a time. */
export async function inBatches(items, size, work) {
  const results = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...await Promise.all(items.slice(i, i + size).map(work)));
  }
  return results;
}
