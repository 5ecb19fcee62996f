// The partition layout: where events live on disk and what their columns are. This is the one module
// that spells it out; everything else asks it for paths, partitions and the `events` view.
//
//   <root>/month=YYYY-MM/*.parquet     one folder per UTC month of event_time
//
// The root comes from CLICKSTREAM_DATA, else from clickstream.config.json ("data", default data/events).
//
// user_session is stored as UUID when every id in the file is a UUID written the canonical way (lower
// case, with hyphens, as the REES46 exports write them): grouping by 16-byte values is much faster than
// by 36-character strings. A file with any other id keeps VARCHAR, so no id is ever changed. SQL over
// files of both kinds reads the column as VARCHAR (see eventsSource).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.ts";
import type { Database } from "./duckdb.ts";
import { PROJECT_ROOT, sqlString } from "./sql-files.ts";

/** Columns of an event, in file order, with their DuckDB types. Empty strings are stored as NULL. */
export const EVENT_COLUMNS = [
  { name: "event_time", type: "TIMESTAMP", doc: "when it happened, UTC" },
  { name: "event_type", type: "VARCHAR", doc: "view, cart, purchase or remove_from_cart" },
  { name: "product_id", type: "BIGINT", doc: "product" },
  { name: "category_id", type: "BIGINT", doc: "category of the product" },
  { name: "category_code", type: "VARCHAR", doc: "category name such as electronics.smartphone; NULL when empty" },
  { name: "brand", type: "VARCHAR", doc: "brand name; NULL when empty" },
  { name: "price", type: "DECIMAL(10,2)", doc: "price of the product at that time" },
  { name: "user_id", type: "BIGINT", doc: "user" },
  { name: "user_session", type: "VARCHAR", doc: "session id; NULL when empty; stored as UUID when all ids of the file are UUIDs" },
] as const;

/**
 * How partition files are written (ingest and the demo generator). LZ4, not ZSTD: every build pass
 * decodes these files, and a month's rollups ran 12% faster on LZ4 files, which are 28% larger.
 */
export const PARTITION_FORMAT = "FORMAT parquet, COMPRESSION lz4";

const MONTH_FOLDER = /^month=(\d{4}-(?:0[1-9]|1[0-2]))$/;

export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(PROJECT_ROOT, loadConfig(env).data);
}

export function monthFolder(root: string, month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month (YYYY-MM): ${month}`);
  return path.join(root, `month=${month}`);
}

export interface PartitionFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface Partition {
  month: string;
  dir: string;
  files: PartitionFile[];
}

/** The month partitions under root, oldest first; folders without Parquet files are left out. */
export function listPartitions(root: string): Partition[] {
  if (!fs.existsSync(root)) return [];
  const partitions: Partition[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const match = entry.isDirectory() ? MONTH_FOLDER.exec(entry.name) : null;
    if (!match) continue;
    const dir = path.join(root, entry.name);
    const files = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".parquet") && !name.startsWith("."))
      .sort()
      .map((name) => {
        const file = path.join(dir, name);
        const stat = fs.statSync(file);
        return { path: file, size: stat.size, mtimeMs: stat.mtimeMs };
      });
    if (files.length > 0) partitions.push({ month: match[1]!, dir, files });
  }
  return partitions.sort((a, b) => a.month.localeCompare(b.month));
}

/** Changes whenever a file of the partition is added, removed, rewritten or touched. */
export function partitionFingerprint(partition: Partition): string {
  const hash = createHash("sha256");
  for (const file of partition.files) hash.update(`${path.basename(file.path)}\0${file.size}\0${file.mtimeMs}\n`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * True (in SQL) when a session id is a UUID in canonical form, so that storing it as UUID loses nothing;
 * false otherwise (also for NULL).
 * `parsed` is the id as UUID, when the query has it already (parsing is the costly part).
 */
export function canonicalUuidSql(column: string, parsed = `try_cast(${column} AS UUID)`): string {
  return `coalesce(${parsed}::VARCHAR = ${column}, false)`;
}

/** The select list that turns columns of those names into the layout's types, in layout order. */
export function layoutSelectList(sessionsAsUuid = false): string {
  return EVENT_COLUMNS.map((c) => `CAST(${c.name} AS ${c.name === "user_session" && sessionsAsUuid ? "UUID" : c.type}) AS ${c.name}`).join(", ");
}

/**
 * A FROM item over the given event files, with `month` (YYYY-MM) from the folder. When some files store
 * user_session as UUID and others as VARCHAR, the UUIDs are read as text (losslessly: they were stored
 * as UUID only when written in canonical form).
 */
export async function eventsSource(db: Database, files: string[]): Promise<string> {
  if (files.length === 0) throw new Error("no partitions to read");
  const read = (some: string[]) => `read_parquet([${some.map(sqlString).join(", ")}], hive_partitioning = true, hive_types = {'month': VARCHAR})`;
  const typed = await db.rows<{ file_name: string; uuid: boolean }>(`SELECT file_name, logical_type = 'UUIDType()' AS uuid
    FROM parquet_schema([${files.map(sqlString).join(", ")}]) WHERE name = 'user_session'`);
  const uuids = new Set(typed.filter((t) => t.uuid).map((t) => t.file_name));
  if (uuids.size === 0 || uuids.size === files.length) return read(files);
  return `(SELECT * REPLACE (user_session::VARCHAR AS user_session) FROM ${read(files.filter((f) => uuids.has(f)))}
    UNION ALL BY NAME SELECT * FROM ${read(files.filter((f) => !uuids.has(f)))})`;
}

/** Creates a view over the given partitions: the event columns plus `month` (YYYY-MM) from the folder. */
export async function createEventsView(db: Database, partitions: Partition[], viewName = "events"): Promise<void> {
  const source = await eventsSource(db, partitions.flatMap((p) => p.files.map((f) => f.path)));
  await db.run(`CREATE OR REPLACE TEMP VIEW ${viewName} AS SELECT ${EVENT_COLUMNS.map((c) => c.name).join(", ")}, month FROM ${source}`);
}

/** The month (YYYY-MM) after the given one. */
export function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}
