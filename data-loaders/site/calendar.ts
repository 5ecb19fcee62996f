// The calendar of known events an analyst keeps in the repository (reference/calendar.csv: date,label,
// one line each), shown as annotations on the day-level charts. Checked when a build reads it, as the
// other reference files are (data-loaders/snapshots/reference-data.ts): a bad line stops the build with
// the file, the line and the problem.
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../shared/sql-files.ts";
import { csvRecords, fieldCountProblem } from "../snapshots/reference-data.ts";

export const CALENDAR_FILE = path.join(PROJECT_ROOT, "reference", "calendar.csv");

export interface CalendarEntry {
  date: string;
  label: string;
}

/** The entries, by date; an absent file is an empty calendar. */
export function readCalendar(file = CALENDAR_FILE): CalendarEntry[] {
  if (!fs.existsSync(file)) return [];
  const { header, records } = csvRecords(fs.readFileSync(file, "utf8"));
  const where = (line: number) => `${path.relative(PROJECT_ROOT, file)}, line ${line}`;
  if (header.join() !== "date,label") throw new Error(`${where(1)}: the header must be "date,label"`);
  const problems: string[] = [];
  const entries: CalendarEntry[] = [];
  records.forEach(({ line, fields }) => {
    const [date = "", label = ""] = fields.map((f) => f.trim());
    if (fields.length !== 2) problems.push(`${where(line)}: ${fieldCountProblem(fields, 2)}`);
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) problems.push(`${where(line)}: "${date}" is not a date like 2020-03-08`);
    else if (label === "") problems.push(`${where(line)}: the label is empty`);
    else entries.push({ date, label });
  });
  if (problems.length) throw new Error(`the calendar is not valid:\n  - ${problems.join("\n  - ")}`);
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}
