// The leaderboards (products by conversion, products by cart abandonment): a threshold, a top N, cards,
// a bar chart and a sortable table, from the rows of one month of a *_leaderboard snapshot.
import * as Plot from "@observablehq/plot";
import * as Inputs from "@observablehq/inputs";
import {count} from "./format.js";

const TOP_CHOICES = [10, 20, 50, 100];

/** The thresholds that have products, as a select; `preferred` is used when it has any. */
export function thresholdInput(rows, key, label, preferred) {
  const thresholds = [...new Set(rows.map((d) => d[key]))].sort((a, b) => a - b);
  const value = thresholds.includes(preferred) ? preferred : thresholds[Math.floor((thresholds.length - 1) / 2)];
  return Inputs.select(thresholds, {label, value, format: (t) => `${count(t)} or more`});
}

export function topInput() {
  return Inputs.radio(TOP_CHOICES, {label: "Show top", value: 20});
}

/** A product's name for charts: the brand (or "no brand"), the category's last part, and the id. */
export function productLabel(d) {
  if (d.product_name) return `${d.product_name} #${d.product_id}`;
  const category = d.category_name ?? (d.category_code ? d.category_code.split(".").at(-1) : "");
  return `${d.brand_name ?? d.brand ?? "no brand"}${category ? ` · ${category}` : ""} #${d.product_id}`;
}

/**
 * A row for display: the reference files' names where they have one (reference/*.csv), else the raw
 * values, and "no brand" and "no category" instead of empty cells (CSV downloads keep the raw values and
 * the names side by side, see NAME_COLUMNS).
 */
export function withNames(d) {
  return {...d, brand: d.brand_name ?? d.brand ?? "(no brand)", category_code: d.category_name ?? d.category_code ?? "(no category)"};
}

/** The names a leaderboard row has from the reference files, added to its downloads beside the raw values. */
export const NAME_COLUMNS = ["product_name", "brand_name", "brand_group", "category_name", "department"];

/** The name columns a table shows: the product's name and its brand's group and category's department, when any row has one. */
export function nameColumns(rows) {
  return [["product_name", "Name"], ["brand_group", "Group"], ["department", "Department"]].filter(([c]) => rows.some((d) => d[c] != null));
}

/** Horizontal bars of a rate for the listed products, in list order. */
export function rateBars(rows, {width, title, rate, label, color, details}) {
  const marginLeft = Math.min(260, width / 2.5);
  // about 6 px a character at the axis' font size: longer names are cut with an ellipsis
  const fits = Math.floor(marginLeft / 6.2);
  return Plot.plot({
    title,
    width,
    height: 40 + 22 * rows.length,
    marginLeft,
    x: {label, tickFormat: "%", grid: true, domain: [0, Math.max(0.01, ...rows.map((d) => d[rate]))], ticks: width < 500 ? 3 : undefined},
    y: {domain: rows.map(productLabel), label: null, tickFormat: (t) => (t.length > fits ? `${t.slice(0, fits - 1)}…` : t)},
    marks: [
      Plot.barX(rows, {y: productLabel, x: rate, fill: color}),
      Plot.tip(rows, Plot.pointerY({y: productLabel, x: rate, title: details})),
      Plot.ruleX([0])
    ]
  });
}
