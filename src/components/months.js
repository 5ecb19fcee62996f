// The month filter: "All months" or one month.
import * as Inputs from "@observablehq/inputs";
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
