// What the day-level charts mark: the dates of reference/calendar.csv (sales, holidays) and the data's
// largest days, within the days shown. DOM-free.
import {count, day} from "./format.js";

/** How many of the largest days (by events) a chart marks. */
const LARGEST_DAYS = 3;

/**
 * Annotations for days [from, to] (Dates, UTC days): calendar entries ({date: YYYY-MM-DD, label}) and the
 * largest days of `totals` (Map of YYYY-MM-DD to events), each {date, label, kind: "calendar" | "largest"}.
 */
export function dayAnnotations(calendar, totals, from, to) {
  const inRange = (key) => key >= from.toISOString().slice(0, 10) && key <= to.toISOString().slice(0, 10);
  const known = calendar.filter((c) => inRange(c.date)).map((c) => ({date: new Date(`${c.date}T00:00:00Z`), label: c.label, kind: "calendar"}));
  const largest = [...totals].filter(([key, events]) => inRange(key) && events > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, LARGEST_DAYS)
    .map(([key, events], i) => ({date: new Date(`${key}T00:00:00Z`), label: `#${i + 1}`, events, kind: "largest"}));
  return [...known, ...largest].sort((a, b) => a.date - b.date);
}

/** The annotations in a sentence for the caption ("" when there are none). */
export function annotationNote(annotations) {
  if (annotations.length === 0) return "";
  const known = annotations.filter((a) => a.kind === "calendar").map((a) => `${a.label} (${day(a.date)})`);
  const largest = annotations.filter((a) => a.kind === "largest").sort((a, b) => a.label.localeCompare(b.label)).map((a) => `${a.label} ${day(a.date)} (${count(a.events)} events)`);
  return [
    known.length ? ` Dashed lines mark the calendar's dates (reference/calendar.csv): ${known.join(", ")}.` : "",
    largest.length ? ` The ${largest.length === 1 ? "largest day is" : `${largest.length} largest days are`} marked by rank: ${largest.join(", ")}.` : ""
  ].join("");
}
