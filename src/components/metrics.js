// The headline metrics by name (period_metrics and period_comparisons in sql/), how each is written, and
// comparisons in words. DOM-free: the build's digest and alert messages use the same words as the pages.
import * as d3 from "d3";
import {count, day, decimal, duration, money, percent} from "./format.js";

/** Each metric's label and format; additive ones are compared over the same days when a period is cut. */
export const METRICS = {
  events: {label: "Events", format: count, additive: true},
  views: {label: "Views", format: count, additive: true},
  carts: {label: "Carts", format: count, additive: true},
  purchases: {label: "Purchases", format: count, additive: true},
  revenue: {label: "Revenue", format: money, additive: true},
  conversion: {label: "Conversion (buyers ÷ active users)", format: percent, additive: false},
  active_users: {label: "Active users", format: count, additive: false},
  new_users: {label: "New users", format: count, additive: false},
  buyers: {label: "Buyers", format: count, additive: false},
  sessions: {label: "Sessions", format: count, additive: false},
  session_conversion: {label: "Conversion (sessions with a purchase ÷ sessions)", format: percent, additive: false},
  // other figures the pages compare
  rate: {label: "Rate", format: percent, additive: false},
  count: {label: "Count", format: count, additive: false},
  duration: {label: "Duration", format: duration, additive: false},
  decimal: {label: "Value", format: decimal, additive: false},
  abandonment: {label: "Abandonment", format: percent, additive: false, lowerIsBetter: true}
};

/** A metric's value as text ("12.3k", "$1,234", "3.4%"). */
export const formatMetric = (metric, value) => METRICS[metric].format(value);

/** The month before `month` among the data's months (undefined for the first, and for 'all'). */
export const monthBefore = (month, months) => (month === "all" ? undefined : months[months.indexOf(month) - 1]);

/**
 * For pages that compare their own figures (the funnel's rates, the leaderboards' cards, the sessions'
 * medians): a function (metric, valueOf) giving comparisonText of a month's value against the month
 * before's, when both months are complete (these figures come from distinct counts, which do not add up
 * over days); null for 'all'. `valueOf(month)` gives the value of a month; `monthComparisons` are the
 * rows of period_comparisons at month grain, which say which months are complete.
 */
export function monthComparer(month, months, monthComparisons) {
  const complete = new Map(monthComparisons.map((c) => [c.period.slice(0, 7), c.complete]));
  const before = monthBefore(month, months);
  return (metric, valueOf) => month === "all" ? null
    : completeMonthsText(month, metric, {value: valueOf(month), complete: complete.get(month)},
      before === undefined ? null : {value: valueOf(before), complete: complete.get(before)});
}

/**
 * A month's value ({value, complete}) against the month before's (null when there is none), compared
 * only when both months are complete, in words (comparisonText).
 */
export function completeMonthsText(month, metric, current, previous) {
  const both = current.complete && previous?.complete && current.value != null && previous.value != null;
  return comparisonText({grain: "month", period: month, metric, complete: current.complete, value: current.value, basis: both ? "previous" : null,
    base_period: null, base_days: null, base_value: both ? previous.value : null, change: both && previous.value ? current.value / previous.value - 1 : null});
}

/** A period by grain: "Tue, Mar 3, 2020", "week of Mar 2, 2020", "March 2020". */
export function periodLabel(grain, period) {
  const date = new Date(`${period.slice(0, 10)}T00:00:00Z`);
  if (grain === "day") return d3.utcFormat("%a, %b %-d, %Y")(date);
  if (grain === "week") return `week of ${day(date)}`;
  return d3.utcFormat("%B %Y")(date);
}

/** A period as a phrase: "on Tue, Mar 3, 2020", "in the week of Mar 2, 2020", "in March 2020". */
export function periodPhrase(grain, period) {
  return grain === "day" ? `on ${periodLabel(grain, period)}` : grain === "week" ? `in the ${periodLabel(grain, period)}` : `in ${periodLabel(grain, period)}`;
}

/** The grain's previous period in words: "the day before", "the week before", "the month before". */
const previousWords = {day: "the day before", week: "the week before", month: "the month before"};

/**
 * A row of period_comparisons in words: {direction: "up" | "down" | "flat" | null, good, text}. Direction
 * and size are both in the text ("12.3% more than ..."), so the colour a page adds (by `good`: true when
 * the change is for the better, false for the worse, null for none) is never the only sign.
 */
export function comparisonText(row) {
  const said = describeChange(row);
  const better = said.direction === "up" || said.direction === "down" ? (said.direction === "up") !== Boolean(METRICS[row.metric].lowerIsBetter) : null;
  return {...said, good: better};
}

function describeChange(row) {
  const {grain, metric, basis, base_period: base, base_days: days, base_value: baseValue, change} = row;
  if (!basis) {
    if (!row.complete && !METRICS[metric].additive) return {direction: null, text: `compared for complete ${grain}s only`};
    return {direction: null, text: `no complete ${grain} before it to compare with`};
  }
  const against = basis === "previous_same_days"
    ? `the first ${days} day${days === 1 ? "" : "s"} of ${periodLabel(grain, base)}`
    : previousWords[grain];
  if (baseValue == null) return {direction: null, text: `nothing in ${against} to compare with`};
  if (METRICS[metric].format === percent) {
    // a rate changes by percentage points: 8.5% -> 7.7% is 0.8 points less, not 9.4% less
    const points = (row.value - baseValue) * 100;
    if (Math.abs(points) < 0.05) return {direction: "flat", text: `the same as ${against}`};
    const size = `${d3.format(".1f")(Math.abs(points))} point${Math.abs(points) >= 0.95 && Math.abs(points) < 1.05 ? "" : "s"}`;
    return {direction: points > 0 ? "up" : "down", text: `${size} ${points > 0 ? "more" : "less"} than ${against} (${formatMetric(metric, baseValue)})`};
  }
  if (change == null) return {direction: null, text: `${formatMetric(metric, baseValue)} in ${against}`};
  if (Math.abs(change) < 0.0005) return {direction: "flat", text: `the same as ${against}`};
  const size = percent(Math.abs(change));
  return change > 0
    ? {direction: "up", text: `${size} more than ${against} (${formatMetric(metric, baseValue)})`}
    : {direction: "down", text: `${size} less than ${against} (${formatMetric(metric, baseValue)})`};
}
