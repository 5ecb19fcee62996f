// The period filters: "All months" or one month, and a range of days within it.
import * as Inputs from "@observablehq/inputs";
import * as htl from "htl";
import {period} from "./format.js";

/** The value is 'all' or YYYY-MM, kept in the address (?month=) so that a link opens the same view. */
export function monthPicker(months) {
  const options = ["all", ...months];
  const asked = new URLSearchParams(location.search).get("month");
  const input = Inputs.select(options, {label: "Month", format: period, value: options.includes(asked) ? asked : "all"});
  input.addEventListener("input", () => {
    const url = new URL(location.href);
    if (input.value === "all") url.searchParams.delete("month");
    else url.searchParams.set("month", input.value);
    history.replaceState(null, "", url);
  });
  return input;
}

/**
 * Two day inputs, from and to, within the days shown (Dates of UTC days, in order). The value is
 * {from, to} as the inputs hold them; read it through selectedDays.
 */
export function dayRange(days) {
  const iso = (d) => d.toISOString().slice(0, 10);
  const [first, last] = [iso(days[0]), iso(days.at(-1))];
  return Inputs.form({
    from: Inputs.date({label: "From", value: first, min: first, max: last}),
    to: Inputs.date({label: "To", value: last, min: first, max: last})
  }, {template: (inputs) => htl.html`<div class="controls">${Object.values(inputs)}</div>`});
}

/** The days of `days` ({date} each) between the range's from and to, either way round; an empty input is the first or last day. */
export function selectedDays(days, {from, to}) {
  const first = from ?? days[0]?.date;
  const last = to ?? days.at(-1)?.date;
  const [low, high] = first <= last ? [first, last] : [last, first];
  return days.filter((d) => d.date >= low && d.date <= high);
}
