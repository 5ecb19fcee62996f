// Small pieces every page uses: headline cards, empty states, the demo note, downloads.
import * as Inputs from "@observablehq/inputs";
import {html} from "htl";
import {csvText} from "./csv.js";
import {DOWNLOADS} from "../data/downloads.js";

/**
 * A headline card: label, big value, optional note and comparison ({direction, text} of
 * comparisonText in metrics.js: the words say which way, the arrow and colour repeat it). All arguments
 * are shown as text.
 */
export function card(label, value, note, comparison) {
  return html`<div class="card">
    <h2>${label}</h2>
    <div class="metric">${value}</div>
    ${comparison == null ? "" : html`<div class=${`change change-${comparison.good == null ? "none" : comparison.good ? "good" : "bad"}`}>${{up: "▲ ", down: "▼ ", flat: "= "}[comparison.direction] ?? ""}${comparison.text}</div>`}
    ${note == null ? "" : html`<div class="metric-note">${note}</div>`}
  </div>`;
}

/** What to show instead of a chart or table when there is nothing to show. */
export function emptyState(message) {
  return html`<div class="empty-state">${message}</div>`;
}

/** A visible note when the site shows the generated demo dataset; nothing (an empty fragment) otherwise. */
export function demoNote(build) {
  if (!build.demo) return document.createDocumentFragment();
  return html`<div class="note-demo"><strong>Demo data.</strong> These reports show a generated dataset shaped like
    the public REES46 export, not real shop data. Set <code>CLICKSTREAM_DATA</code> to your partitions and rebuild.</div>`;
}

/** A note on the site of an audience: whose events it holds; nothing (an empty fragment) on the whole shop's site. */
export function audienceNote(build) {
  if (!build.audience) return document.createDocumentFragment();
  return html`<div class="note-audience"><strong>${build.audience.title}.</strong> This site holds only ${build.audience.description}:
    every figure counts those events alone, and a session or a user is one with at least one of them (see Definitions).</div>`;
}

/** A button that downloads rows as CSV (the columns given, in order, or all). */
export function downloadCsv(rows, filename, columns) {
  return Inputs.button(`Download CSV (${rows.length.toLocaleString("en-US")} rows)`, {
    reduce: () => {
      const url = URL.createObjectURL(new Blob([csvText(rows, columns)], {type: "text/csv;charset=utf-8"}));
      const link = Object.assign(document.createElement("a"), {href: url, download: filename});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }
  });
}

/**
 * A link that downloads a whole snapshot as Parquet (every snapshot of sql/ has one), or with `part` the
 * rows of one value of the column it is split by (customers by segment).
 */
export function parquetLink(snapshot, part) {
  const name = part == null ? snapshot : `${snapshot}-${part.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return html`<a href=${DOWNLOADS.get(part == null ? snapshot : `${snapshot}:${part}`)} download=${`${name}.parquet`}>${name}.parquet</a>`;
}

/** A link that downloads a whole snapshot as CSV (the snapshots written as CSV by the build, see CSV_DOWNLOADS). */
export function csvLink(snapshot) {
  return html`<a href=${DOWNLOADS.get(`${snapshot}.csv`)} download=${`${snapshot}.csv`}>${snapshot}.csv</a>`;
}
