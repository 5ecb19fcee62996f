// The Alerts page's pieces: a rule's history as a chart, its result as a badge. The digest they show is
// computed by the build (data-loaders/alerts/digest.ts) and read from data/digest.json.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {emptyState} from "./ui.js";
import {formatMetric, METRICS, periodLabel} from "./metrics.js";

/** Fired, within limits, or not evaluated: in words (and a class for colour, never the only sign). */
export function statusBadge(check) {
  if (!check) return html`<span class="badge">no complete period yet</span>`;
  const [word, cls] = {fired: ["Fires", "badge-fired"], ok: ["Within limits", "badge-ok"], no_basis: ["Not evaluated", "badge"]}[check.status];
  return html`<span class=${`badge ${cls}`}>${word}</span>`;
}

/**
 * A rule over every complete period: the metric as a line, the limits it fires outside as a band (or a
 * line for a fixed value), and the periods where it fires as red crosses.
 */
export function ruleChart(result, {width}) {
  const {rule, history} = result;
  const rows = history.map((c) => ({...c, date: new Date(`${c.period}T00:00:00Z`)}));
  const format = (v) => formatMetric(rule.metric, v);
  const bounded = rows.filter((d) => d.low != null || d.high != null);
  const banded = rows.filter((d) => d.low != null && d.high != null);
  const fired = rows.filter((d) => d.status === "fired");
  const unit = {day: "Day", week: "Week (from Monday)", month: "Month"}[rule.grain];
  return Plot.plot({
    title: `${METRICS[rule.metric].label} per ${rule.grain}: fired in ${result.fired} of ${result.evaluated} ${rule.grain}s evaluated`,
    width,
    height: 220,
    marginLeft: 64,
    // a tick on each period when there are few (not hours between two days)
    x: {type: "utc", label: `${unit} (UTC)`, ...(rows.length <= 12 ? {ticks: rows.map((d) => d.date), tickFormat: rule.grain === "month" ? "%b %Y" : "%b %-d"} : {}),
      ...(rows.length === 1 ? {domain: [new Date(+rows[0].date - 864e5), new Date(+rows[0].date + 864e5)]} : {})},
    y: {label: METRICS[rule.metric].label, grid: true, tickFormat: format, zero: true},
    marks: [
      // the band where the rule stays quiet, when it has both limits
      Plot.areaY(banded, {x: "date", y1: "low", y2: "high", fill: "var(--theme-foreground-muted)", fillOpacity: 0.15, curve: "step"}),
      Plot.lineY(bounded.filter((d) => d.low != null), {x: "date", y: "low", stroke: "var(--theme-foreground-muted)", strokeDasharray: "3,3", curve: "step"}),
      Plot.lineY(bounded.filter((d) => d.high != null), {x: "date", y: "high", stroke: "var(--theme-foreground-muted)", strokeDasharray: "3,3", curve: "step"}),
      Plot.lineY(rows, {x: "date", y: "value", stroke: "var(--theme-foreground-focus)"}),
      rows.length <= 60 ? Plot.dot(rows, {x: "date", y: "value", fill: "var(--theme-foreground-focus)", r: 2.5}) : null,
      Plot.dot(fired, {x: "date", y: "value", symbol: "times", stroke: "#d62728", strokeWidth: 2, r: 5}),
      Plot.tip(rows, Plot.pointerX({x: "date", y: "value", title: (d) => [
        periodLabel(rule.grain, d.period),
        `${METRICS[rule.metric].label}: ${format(d.value)}`,
        d.status === "fired" ? "FIRES" : d.status === "ok" ? "within limits" : `not evaluated: ${d.reason}`,
        d.low != null || d.high != null ? `quiet between ${d.low == null ? "–" : format(d.low)} and ${d.high == null ? "–" : format(d.high)}` : null
      ].filter(Boolean).join("\n")}))
    ]
  });
}

/** The source drift findings of ingest: each in a sentence, then every figure of the file beside the earlier files'. */
export function driftTable(drift) {
  if (drift.length === 0) return emptyState("No ingested file departs from the files before it beyond the limits under \"drift\" in clickstream.config.json.");
  const rows = drift.flatMap((d) => d.figures.map(([figure, now, before]) => ({file: d.file, severity: d.severity, figure, now, before})));
  return html`<ul>${drift.map((d) => html`<li><strong>${d.file}</strong> (${d.severity === "block" ? "blocks" : "warning"}): ${d.message}.</li>`)}</ul>
    ${Inputs.table(rows, {
      columns: ["figure", "now", "before", "file", "severity"],
      header: {figure: "Figure", now: "This file", before: "Files before it", file: "File", severity: "Action"},
      layout: "auto",
      select: false
    })}`;
}
