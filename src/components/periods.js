// What the data covers, and which days, weeks or months it covers only in part. Every time axis ends at
// the data's last day, and a period the data covers only in part is marked, so that a partial last week
// (which every nightly build of a live shop has) does not read as sales falling to nothing.
//
// The data covers its first to its last event. A period is partial when it starts before the data's first
// day or ends after its last day, or when it holds the first day and the data starts after 01:00 UTC, or
// holds the last day and the data ends before 23:00 UTC (an export that stops in a day's last hour
// counts that day as whole). The customer snapshots' own `complete` column (sql/macros.sql,
// period_complete) counts whole days only, as issue 12 defines it, so there the data's last day is
// complete even when the data stops early in it.
import * as d3 from "d3";

const HOUR = 3_600_000;
const utc = (text) => new Date(`${text.replace(" ", "T")}${/Z$/.test(text) ? "" : "Z"}`);

/** The data's span from the build summary: first and last event, first and last day, the day after the last. */
export function dataSpan(build) {
  const firstEvent = utc(build.firstEvent);
  const lastEvent = utc(build.lastEvent);
  const firstDay = d3.utcDay.floor(firstEvent);
  const lastDay = d3.utcDay.floor(lastEvent);
  return {firstEvent, lastEvent, firstDay, lastDay, end: d3.utcDay.offset(lastDay, 1)};
}

/** Whether the data covers the period [start, end) only in part. */
function isPartial(span, start, end) {
  const startsLate = +span.firstEvent - +span.firstDay > HOUR;
  const endsEarly = +span.end - +span.lastEvent > HOUR;
  return start < span.firstDay || end > span.end || (startsLate && start <= span.firstDay) || (endsEarly && end >= span.end);
}

/**
 * The periods of an interval (d3.utcDay, d3.utcMonday, d3.utcMonth) that meet [from, to) and the data,
 * each {date, end, partial}; `to` defaults to the day after the data's last day.
 */
export function periods(span, interval, from = span.firstDay, to = span.end) {
  const start = from > span.firstDay ? from : span.firstDay;
  const stop = to < span.end ? to : span.end;
  return interval.range(interval.floor(start), stop).map((date) => {
    const end = interval.offset(date, 1);
    // within a month shown on its own, a week that reaches into another month is partial too
    return {date, end, partial: isPartial(span, date, end) || date < from || end > to};
  });
}

/** A sentence for the caption when some periods are partial, else "". */
export function partialNote(span, shown, unit) {
  if (!shown.some((p) => p.partial)) return "";
  const time = d3.utcFormat("%b %-d, %Y %H:%M");
  return ` Hollow points are ${unit}s the data covers only in part (it runs from ${time(span.firstEvent)} to ${time(span.lastEvent)} UTC): read them as incomplete, not as a fall.`;
}
