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
  const category = d.category_code ? d.category_code.split(".").at(-1) : "";
  return `${d.brand ?? "no brand"}${category ? ` · ${category}` : ""} #${d.product_id}`;
}

/** A row for display: "no brand" and "no category" instead of empty cells (CSV downloads keep them empty). */
export function withNames(d) {
  return {...d, brand: d.brand ?? "(no brand)", category_code: d.category_code ?? "(no category)"};
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
