// Charts shared by the pages. Every chart has a title, labelled axes and values on hover.
import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {EVENT_COLORS, EVENT_LABELS, SEGMENT_LABELS, segmentColorScale} from "./colors.js";
import {count, day} from "./format.js";

/** Events per day, one small chart per event type, each with its own y scale. Rows: {date, event_type, events}. */
export function dailyActivity(rows, types, {width, title}) {
  const charts = types.map((type, i) => {
    const data = rows.filter((d) => d.event_type === type);
    const color = EVENT_COLORS[type];
    return Plot.plot({
      width,
      height: 140,
      marginLeft: 56,
      x: {type: "utc", label: i === types.length - 1 ? "Day (UTC)" : null},
      y: {label: EVENT_LABELS[type], grid: true, tickFormat: count, zero: true, ticks: 4},
      marks: [
        Plot.areaY(data, {x: "date", y: "events", fill: color, fillOpacity: 0.2}),
        Plot.lineY(data, {x: "date", y: "events", stroke: color}),
        Plot.tip(data, Plot.pointerX({x: "date", y: "events", title: (d) => `${day(d.date)}\n${EVENT_LABELS[type]}: ${d.events.toLocaleString("en-US")}`}))
      ]
    });
  });
  return html`<figure style="max-width: none; margin: 0;"><h2>${title}</h2>${charts}</figure>`;
}

/**
 * A funnel: one bar per stage, its length the count, labelled with the count and the share of the stage
 * before. Rows: {event_type, value}, in stage order.
 */
export function funnelChart(rows, {width, title, unit}) {
  const data = rows.map((d, i) => ({...d, share: i === 0 ? null : d.value / rows[i - 1].value}));
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
