// Charts shared by the pages. Every chart has a title, labelled axes and values on hover.
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {html} from "htl";
import {EVENT_COLORS, EVENT_LABELS, SEGMENT_LABELS, segmentColorScale} from "./colors.js";
import {count, day} from "./format.js";

/**
 * Values over time: a line per series (or one line in `color`), a hollow point on each period the data
 * covers only in part (rows with partial: true), and a point on every period when there are few, so that
 * a single period still shows. Rows: {date, partial, [series], [y.value]}; `interval` is the periods'
 * (d3.utcDay, d3.utcMonday, d3.utcMonth). The x axis runs from the first to the last period: the data's
 * last day, not the end of its month.
 */
export function trendChart(rows, {width, height = 360, title, interval, x, y, series, domain, range, color, area = false, tip, marks = []}) {
  const dates = [...new Set(rows.map((d) => +d.date))].sort((a, b) => a - b).map((t) => new Date(t));
  const single = dates.length === 1;
  // a tick on each period when there are few (not hours between days), else Plot's own
  const few = dates.length <= (width < 600 ? 6 : 12);
  const tickFormat = interval === d3.utcMonth ? "%b %Y" : "%b %-d";
  const stroke = series ?? color;
  const options = {x: "date", y: y.value, stroke};
  return Plot.plot({
    title,
    width,
    height,
    marginLeft: 60,
    x: {
      type: "utc",
      label: x.label,
      domain: single ? [d3.utcDay.offset(dates[0], -1), d3.utcDay.offset(dates[0], 1)] : [dates[0], dates.at(-1)],
      ticks: few ? dates : width < 600 ? 4 : undefined,
      tickFormat: few ? tickFormat : undefined
    },
    y: {label: y.label, grid: true, nice: true, tickFormat: y.tickFormat, zero: true, ticks: height < 200 ? 4 : undefined},
    color: series ? {legend: true, domain, ...(range ? {range} : {scheme: "observable10"})} : undefined,
    marks: [
      area ? Plot.areaY(rows, {x: "date", y: y.value, fill: color, fillOpacity: 0.2}) : null,
      // z set, so that a series of one point is no warning about "high cardinality"
      Plot.lineY(rows, {...options, z: series ?? null}),
      dates.length <= 31 ? Plot.dot(rows.filter((d) => !d.partial), {...options, fill: stroke, r: 2.5}) : null,
      Plot.dot(rows.filter((d) => d.partial), {...options, fill: "var(--theme-background)", r: 4, strokeWidth: 1.5}),
      ...marks,
      Plot.tip(rows, Plot.pointer({...options, title: tip}))
    ]
  });
}

/**
 * Events per day (or per period of `interval`, d3.utcMonday for weeks), one small chart per event type,
 * each with its own y scale. Rows: {date, partial, event_type, events}. Annotations ({date, label}: known
 * events, the largest days) are vertical lines on every chart, labelled on the first.
 */
export function dailyActivity(rows, types, {width, title, interval = d3.utcDay, annotations = []}) {
  const lines = (labelled) => annotations.length === 0 ? [] : [
    Plot.ruleX(annotations, {x: "date", stroke: "var(--theme-foreground-muted)", strokeDasharray: "2,3"}),
    labelled ? Plot.text(annotations, {x: "date", text: "label", frameAnchor: "top", textAnchor: "start", dx: 3, dy: 2, fontSize: 10, lineWidth: 8, fill: "var(--theme-foreground-muted)"}) : null
  ];
  const charts = types.map((type, i) => trendChart(rows.filter((d) => d.event_type === type), {
    marks: lines(i === 0),
    width,
    height: 140,
    interval,
    x: {label: i === types.length - 1 ? periodAxisLabel(interval) : null},
    y: {value: "events", label: EVENT_LABELS[type], tickFormat: count},
    color: EVENT_COLORS[type],
    area: true,
    tip: (d) => `${periodName(interval, d.date)}${d.partial ? " (partial)" : ""}\n${EVENT_LABELS[type]}: ${d.events.toLocaleString("en-US")}`
  }));
  return html`<figure style="max-width: none; margin: 0;"><h2>${title}</h2>${charts}</figure>`;
}

/** The x axis label of periods of `interval` (d3.utcDay or d3.utcMonday). */
export const periodAxisLabel = (interval) => (interval === d3.utcMonday ? "Week (from Monday, UTC)" : "Day (UTC)");

/** A period of `interval` by its first day, for a tip: "Jan 27, 2020" or "Week of Jan 27, 2020". */
export const periodName = (interval, date) => `${interval === d3.utcMonday ? "Week of " : ""}${day(date)}`;

/**
 * A funnel's rows with `share`, the value over the stage before's: null for the first stage and after an
 * empty stage (a purchase without a cart event before it is possible), never Infinity.
 */
export function stageShares(rows) {
  return rows.map((d, i) => ({...d, share: i === 0 || !(rows[i - 1].value > 0) ? null : d.value / rows[i - 1].value}));
}

/**
 * A funnel: one bar per stage, its length the count, labelled with the count and the share of the stage
 * before. Rows: {event_type, value}, in stage order.
 */
export function funnelChart(rows, {width, title, unit}) {
  const data = stageShares(rows);
  const label = (d) => `${count(d.value)}${d.share == null ? "" : ` (${(d.share * 100).toFixed(1)}%)`}`;
  return Plot.plot({
    title,
    width,
    height: 50 + 44 * data.length,
    marginLeft: 80,
    marginRight: 12,
    // room on the right for the labels
    x: {label: unit, grid: true, tickFormat: count, domain: [0, Math.max(1, ...data.map((d) => d.value)) * 1.6], ticks: 3},
    y: {domain: data.map((d) => d.event_type), tickFormat: (t) => EVENT_LABELS[t], label: null},
    marks: [
      Plot.barX(data, {y: "event_type", x: "value", fill: (d) => EVENT_COLORS[d.event_type], insetTop: 4, insetBottom: 4}),
      Plot.text(data, {y: "event_type", x: "value", text: label, textAnchor: "start", dx: 4, frameAnchor: "left", fill: "currentColor"}),
      Plot.tip(data, Plot.pointerY({
        y: "event_type", x: "value",
        title: (d) => `${EVENT_LABELS[d.event_type]}: ${d.value.toLocaleString("en-US")} ${unit}` + (d.share == null ? "" : `\n${(d.share * 100).toFixed(2)}% of the stage before`)
      })),
      Plot.ruleX([0])
    ]
  });
}

/**
 * How the sessions of each segment spread over bins, as the share of the segment's sessions (so the
 * smaller purchaser segment stays comparable). Rows: {segment, bin, label, sessions}.
 */
export function distributionChart(rows, {width, title, xLabel}) {
  const totals = new Map();
  for (const d of rows) totals.set(d.segment, (totals.get(d.segment) ?? 0) + d.sessions);
  const data = rows.map((d) => ({...d, share: totals.get(d.segment) ? d.sessions / totals.get(d.segment) : 0}));
  const labels = [...new Map(rows.map((d) => [d.bin, d.label])).entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  const narrow = width < 560;
  return Plot.plot({
    title,
    width,
    height: narrow ? 320 : 280,
    marginBottom: narrow ? 70 : 40,
    fx: {domain: labels, label: xLabel, tickRotate: narrow ? -45 : 0, padding: 0.1},
    x: {axis: null, domain: ["purchaser", "non_purchaser"]},
    y: {label: "Share of the segment's sessions", tickFormat: "%", grid: true},
    color: {...segmentColorScale(), legend: true},
    marks: [
      Plot.barY(data, {fx: "label", x: "segment", y: "share", fill: "segment"}),
      Plot.tip(data, Plot.pointer({fx: "label", x: "segment", y: "share", title: (d) =>
        `${SEGMENT_LABELS[d.segment]}, ${d.label}\n${d.sessions.toLocaleString("en-US")} sessions (${(d.share * 100).toFixed(1)}% of the segment)`})),
      Plot.ruleY([0])
    ]
  });
}
