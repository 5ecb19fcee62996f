// The SQL of the project lives in sql/ as plain files an analyst can read and edit. This module finds
// them and reads the documentation written in their header comments.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SQL_DIR = path.join(PROJECT_ROOT, "sql");

/** Text of sql/<name>.sql (name may contain a subfolder, e.g. "demo/setup"). */
export function readSql(name: string): string {
  return fs.readFileSync(path.join(SQL_DIR, `${name}.sql`), "utf8");
}

/** A string literal for SQL. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface SqlDoc {
  /** first header line, after "name:" */
  title: string;
  /** the rest of the header prose, before the column list */
  description: string;
  /** documented output columns, in order */
  columns: { name: string; type: string; doc: string }[];
}

/**
 * Reads the header comment of a SQL file:
 *
 *   -- funnel: events, users and sessions per event type
 *   -- (more prose)
 *   --
 *   -- columns:
 *   --   event_type  VARCHAR  view, cart, purchase
 *   --               (a line indented further continues the text above)
 */
export function parseSqlDoc(sql: string): SqlDoc {
  const header: string[] = [];
  for (const line of sql.split("\n")) {
    if (!line.startsWith("--")) break;
    header.push(line.replace(/^-- ?/, ""));
  }
  const title = (header[0] ?? "").replace(/^[\w-]+:\s*/, "").trim();
  const columnsAt = header.findIndex((line) => /^columns:\s*$/.test(line.trim()));
  const prose = header.slice(1, columnsAt === -1 ? undefined : columnsAt);
  const description = prose.join("\n").trim().replace(/\n(?!\n)/g, " ").replace(/ {2,}/g, " ");
  const columns: SqlDoc["columns"] = [];
  if (columnsAt !== -1) {
    for (const line of header.slice(columnsAt + 1)) {
      const column = /^\s{2}(\w+)\s+([A-Z][A-Z0-9(), ]*?[A-Z0-9)](?:\[\])?)\s{2,}(.*)$/.exec(line);
      if (column) columns.push({ name: column[1]!, type: column[2]!, doc: column[3]!.trim() });
      else if (line.trim() && columns.length > 0) columns.at(-1)!.doc += ` ${line.trim()}`;
    }
  }
  return { title, description, columns };
}
