// Charts of the customer pages: users per period split into new and returning, the lifecycle of each
// month, and the retention grid of cohorts. Every chart has a title, labelled axes and values on hover.
import * as Plot from "@observablehq/plot";
import {LIFECYCLE_COLORS, LIFECYCLE_LABELS} from "./colors.js";
import {count, percent} from "./format.js";

const lifecycleScale = (kinds) => ({legend: true, domain: kinds, range: kinds.map((k) => LIFECYCLE_COLORS[k]), tickFormat: (k) => LIFECYCLE_LABELS[k]});

/**
 * New and returning users stacked per period (a d3 time interval), incomplete periods paler. Rows:
 * acquisition rows of one grain, with `date` (the period as a Date) and `label` (the period in words).
 */
export function acquisitionChart(rows, {width, title, interval, xLabel}) {
  const data = rows.flatMap((d) => ["new", "returning"].map((kind) => ({...d, kind, users: kind === "new" ? d.new_users : d.returning_users})));
  const options = {x: "date", interval, y: "users", fill: "kind", order: ["new", "returning"]};
  return Plot.plot({
    title,
    width,
    height: 300,
    marginLeft: 56,
    x: {type: "utc", label: xLabel, ticks: width < 600 ? 4 : undefined},
    y: {label: "Users", grid: true, tickFormat: count},
    color: lifecycleScale(["new", "returning"]),
    marks: [
      Plot.rectY(data, {...options, fillOpacity: (d) => (d.complete ? 1 : 0.45), insetLeft: 0.5, insetRight: 0.5}),
      Plot.tip(data, Plot.pointerX(Plot.stackY({...options,
        title: (d) => `${d.label}${d.complete ? "" : " (partial)"}\n${LIFECYCLE_LABELS[d.kind]}: ${d.users.toLocaleString("en-US")} of ${d.active_users.toLocaleString("en-US")} users`}))),
      Plot.ruleY([0])
    ]
  });
}

/** New, returning and resurrecting users up, dormant users down, per month. Rows: lifecycle rows of one basis, with `date` and `label`. */
export function lifecycleChart(rows, {width, title, unit}) {
  const kinds = ["new", "returning", "resurrecting", "dormant"];
  const data = rows.flatMap((d) => kinds.map((kind) => ({...d, kind, value: kind === "dormant" ? -d.dormant : d[kind]})));
  return Plot.plot({
    title,
    width,
    height: 300,
    marginLeft: 56,
    x: {type: "band", label: "Month", tickFormat: (t) => rows.find((d) => +d.date === +t)?.short ?? ""},
    y: {label: `${unit} (dormant below the axis)`, grid: true, tickFormat: (v) => count(Math.abs(v))},
    color: lifecycleScale(kinds),
    marks: [
      Plot.barY(data, {x: "date", y: "value", fill: "kind", order: kinds}),
      Plot.tip(data, Plot.pointer(Plot.stackY({x: "date", y: "value", fill: "kind", order: kinds,
        title: (d) => `${d.label}\n${LIFECYCLE_LABELS[d.kind]}: ${Math.abs(d.value).toLocaleString("en-US")} ${unit.toLowerCase()}`}))),
      Plot.ruleY([0])
    ]
  });
}

/**
 * The cohort grid: a row per cohort (with its size), a column per period since, each cell the share of
 * the cohort still active; cells of periods the data covers only in part are hatched. Rows: retention
 * rows of one basis and grain, with `label` (the cohort in words).
 */
export function retentionGrid(rows, {width, title, periodLabel}) {
  const cohorts = [...new Map(rows.map((d) => [d.cohort, `${d.label} (${count(d.cohort_users)})`])).entries()];
  const labelOf = new Map(cohorts);
  const indices = Math.max(1, ...rows.map((d) => d.period_index + 1));
  const cell = Math.max(18, Math.min(44, (width - 170) / indices));
  return Plot.plot({
    title,
    width: Math.min(width, 170 + cell * indices + 20),
    height: 60 + 22 * cohorts.length,
    marginLeft: 170,
    padding: 0.04,
    x: {type: "band", label: `${periodLabel} since first`, axis: "top", tickFormat: (i) => (indices > 16 && i % 2 ? null : i)},
    y: {type: "band", domain: cohorts.map(([c]) => c), label: null, tickFormat: (c) => labelOf.get(c)},
    color: {type: "linear", domain: [0, 1], scheme: "blues", legend: true, label: "Retained", tickFormat: "%"},
    marks: [
      Plot.cell(rows, {x: "period_index", y: "cohort", fill: "retention_rate", fillOpacity: (d) => (d.complete ? 1 : 0.5)}),
      Plot.text(rows.filter((d) => !d.complete), {x: "period_index", y: "cohort", text: () => "·", fill: "currentColor", dy: -6}),
      cell >= 34 ? Plot.text(rows, {x: "period_index", y: "cohort", text: (d) => (d.period_index === 0 ? "" : percent(d.retention_rate)), fill: (d) => (d.retention_rate > 0.5 ? "white" : "black"), fontSize: 9}) : null,
      Plot.tip(rows, Plot.pointer({x: "period_index", y: "cohort", title: (d) =>
        `Cohort ${d.label}: ${d.cohort_users.toLocaleString("en-US")} users\n${periodLabel} ${d.period_index}: ${d.retained_users.toLocaleString("en-US")} retained (${percent(d.retention_rate)})${d.complete ? "" : "\nThe data covers this period only in part"}`}))
    ]
  });
}
