// CSV text for downloads. A cell that starts with =, +, -, @ (or a tab or carriage return) is a formula
// to a spreadsheet, so a brand named "=HYPERLINK(...)" would run when the file is opened: such text
// cells get a leading apostrophe, the usual neutralisation (OWASP "CSV injection"). Numbers, negative
// ones included, are left as they are.
import {csvFormat} from "d3";

const FORMULA = /^[=+\-@\t\r]/;

export function safeCell(value) {
  return typeof value === "string" && FORMULA.test(value) ? `'${value}` : value;
}

/** Rows as CSV text: the columns given, in order, or all of the first row's. */
export function csvText(rows, columns) {
  const names = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const safe = rows.map((row) => Object.fromEntries(names.map((name) => [name, safeCell(row[name])])));
  return csvFormat(safe, names);
}
