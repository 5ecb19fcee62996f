// The month filter: "All months" or one month.
import * as Inputs from "@observablehq/inputs";
import {period} from "./format.js";

/** For pages that hold every month: the value is 'all' or YYYY-MM, kept in the address (?month=). */
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

/** For pages built once per month (<page>/<month>.html): choosing a month opens that month's page. */
export function monthPages(months, current) {
  const input = Inputs.select(["all", ...months], {label: "Month", format: period, value: current});
  input.addEventListener("input", () => location.assign(`./${input.value}.html${location.search}`));
  return input;
}
