// What the drill-down views (src/components/explore.js) make of an entity's document
// (sql/explore_documents.sql): which file holds it, its series for the period picked, totals, weekly
// prices and month rows.
// Plain data, no DOM: tested in test/explore.test.ts.
import * as d3 from "d3";
import {comparisonText, completeMonthsText} from "./metrics.js";
import {periods} from "./periods.js";

const utf8 = new TextEncoder();
/** Compares two strings by their UTF-8 bytes, the order DuckDB sorts text in (JavaScript's < compares UTF-16). */
function compareBytes(a, b) {
  const [x, y] = [utf8.encode(a), utf8.encode(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * The file (shard) of explore/<kind>/ that holds an entity, from explore/shards.json: a product's is its id
 * modulo product_shards; a brand's or category's is the last file whose first key is at or before its key
 * (files hold keys in order). null when no file can hold it.
 */
export function shardOf({product_shards, first_keys}, kind, key) {
  if (kind === "product") return Number(BigInt(key) % BigInt(product_shards));
  const firsts = first_keys[kind];
  let [low, high] = [0, firsts.length - 1];
  if (high < 0 || compareBytes(key, firsts[0][0]) < 0) return null;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (compareBytes(firsts[middle][0], key) <= 0) low = middle;
    else high = middle - 1;
  }
  return Number(firsts[low][1]);
}

/**
 * The entity's series in the period ("all" or YYYY-MM), one row per day, or per week from Monday for a
 * product (doc.grain): {date, partial, views, carts, purchases, removes, events, revenue, price_min,
 * price_max, price_sum, priced}. A product's week that spans a month end comes as two parts, one per
 * month (sql/rollups/rollup_entity_days.sql): with all months they are added up here. partial: the data,
 * or the month shown, covers the period only in part (see periods.js).
 */
export function entitySeries(doc, month, span) {
  const interval = seriesInterval(doc);
  const from = month === "all" ? undefined : new Date(`${month}-01T00:00:00Z`);
  const partial = new Set(periods(span, interval, from, from && d3.utcMonth.offset(from, 1)).filter((p) => p.partial).map((p) => +p.date));
  const rows = dayRows(doc).filter((d) => month === "all" || d3.utcFormat("%Y-%m")(d.date) === month);
  const sum = (parts, c) => d3.sum(parts, (d) => d[c]);
  return d3.rollups(rows, (parts) => ({
    views: sum(parts, "views"), carts: sum(parts, "carts"), purchases: sum(parts, "purchases"), removes: sum(parts, "removes"),
    events: sum(parts, "events"), revenue: sum(parts, "revenue"),
    price_min: d3.min(parts, (d) => d.price_min) ?? null, price_max: d3.max(parts, (d) => d.price_max) ?? null,
    price_sum: sum(parts, "price_sum"), priced: sum(parts, "priced")
  }), (d) => +interval.floor(d.date))
    .map(([date, values]) => ({date: new Date(date), partial: partial.has(date), ...values}))
    .sort((a, b) => a.date - b.date);
}

/** The document's rows (days, or week parts for a product) with their dates. */
const dayRows = (doc) => doc.days.map((values) => Object.fromEntries(doc.day_columns.map((c, i) => [c, values[i]]))).map((d) => ({...d, date: new Date(d.day * 864e5)}));

/**
 * The view's cards of a month against the month before, as comparisonText gives them ({events, purchases,
 * conversion, users, sessions, abandonment}; null for all months). As on the overview (period_comparisons):
 * with both months complete, whole months; when the data ends within the month, events, purchases and
 * conversion (purchases ÷ views) against the same number of days of the month before, for a brand or
 * category (a product's weeks cannot be cut at a day: compared for complete months only); users, sessions
 * and abandonment between complete months only.
 */
export function entityComparisons(doc, month, span) {
  if (month === "all") return null;
  const start = new Date(`${month}-01T00:00:00Z`);
  const before = d3.utcMonth.offset(start, -1);
  const covered = new Map(periods(span, d3.utcMonth).map((p) => [+p.date, !p.partial]));
  const complete = covered.get(+start) ?? false;
  const beforeComplete = covered.get(+before) ?? false;
  // with the month before complete, the data began before this month: it is cut at its end only
  const sameDays = !complete && beforeComplete && doc.grain !== "week";
  const days = Math.round((span.lastDay - start) / 864e5) + 1;
  const rows = dayRows(doc);
  const sumOf = (from, to) => {
    const inRange = rows.filter((d) => d.date >= from && d.date < to);
    const t = {events: d3.sum(inRange, (d) => d.events), purchases: d3.sum(inRange, (d) => d.purchases), views: d3.sum(inRange, (d) => d.views)};
    return {...t, conversion: t.views > 0 ? t.purchases / t.views : null};
  };
  const now = sumOf(start, d3.utcMonth.offset(start, 1));
  const baseDays = Math.min(days, Math.round((start - before) / 864e5));
  const then = complete ? sumOf(before, start) : sumOf(before, d3.utcDay.offset(before, baseDays));
  const additive = (metric, key) => comparisonText({grain: "month", period: month, metric, complete, value: now[key],
    basis: complete && beforeComplete ? "previous" : sameDays ? "previous_same_days" : null, base_period: before.toISOString().slice(0, 10), base_days: complete ? null : baseDays,
    base_value: then[key], change: then[key] ? now[key] / then[key] - 1 : null});
  const monthRow = (m) => entityMonths(doc, m)[0];
  const [a, b] = [monthRow(month), monthRow(d3.utcFormat("%Y-%m")(before))];
  const distinct = (metric, value) =>
    completeMonthsText(month, metric, {value: a ? value(a) : null, complete}, b ? {value: value(b), complete: beforeComplete} : null);
  return {
    events: additive("count", "events"),
    purchases: additive("count", "purchases"),
    conversion: additive("rate", "conversion"),
    users: distinct("count", (m) => m.users),
    sessions: distinct("count", (m) => m.sessions),
    abandonment: distinct("abandonment", (m) => m.abandonment_rate)
  };
}

/** The periods of the entity's series: days, or weeks (from Monday) for a product. */
export const seriesInterval = (doc) => (doc.grain === "week" ? d3.utcMonday : d3.utcDay);

/** Sums of the additive measures over the series' rows. */
export function totals(series) {
  const sum = (c) => d3.sum(series, (d) => d[c]);
  const t = {views: sum("views"), carts: sum("carts"), purchases: sum("purchases"), removes: sum("removes"), events: sum("events"), revenue: sum("revenue")};
  return {...t, conversion: t.views > 0 ? t.purchases / t.views : null};
}

/** Price per week (from Monday, UTC) from the series' days or weeks: lowest to highest as a band, the mean as a line. */
export function weeklyPrices(series) {
  return d3.rollups(series.filter((d) => d.priced > 0), (w) => ({
    min: d3.min(w, (d) => d.price_min), max: d3.max(w, (d) => d.price_max), mean: d3.sum(w, (d) => d.price_sum) / d3.sum(w, (d) => d.priced), events: d3.sum(w, (d) => d.priced)
  }), (d) => +d3.utcMonday.floor(d.date)).map(([week, v]) => ({week: new Date(week), ...v})).sort((a, b) => a.week - b.week);
}

/** The entity's month rows ({month, users, sessions, ...}) of the period, with their rates. */
export function entityMonths(doc, month) {
  // the document has a list per column
  const rows = doc.months.month.map((_, i) => Object.fromEntries(Object.entries(doc.months).map(([column, values]) => [column, values[i]])));
  return rows.filter((m) => month === "all" || m.month === month).map((m) => ({
    ...m,
    purchase_rate: m.sessions > 0 ? m.purchase_sessions / m.sessions : null,
    abandonment_rate: m.cart_sessions > 0 ? m.abandoned_sessions / m.cart_sessions : null
  }));
}
