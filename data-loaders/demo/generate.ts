// The demo dataset: events shaped like the real REES46 export (Oct 2019 to Apr 2020), generated inside
// DuckDB by the SQL in sql/demo/ (setup, then demo_sessions and demo_events for each month), then compared with the
// target figures in demo-targets.ts.
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath } from "../shared/atomic.ts";
import { Database, withDatabase, type DuckDBSettings } from "../shared/duckdb.ts";
import { createEventsView, listPartitions, monthFolder, nextMonth, PARTITION_FORMAT } from "../shared/layout.ts";
import { readSql, sqlString } from "../shared/sql-files.ts";

export const DEMO_MONTHS = ["2019-10", "2019-11", "2019-12", "2020-01", "2020-02", "2020-03", "2020-04"];

/** Rows the generator emits per session on average (events, repeated cart rows and duplicates). */
const ROWS_PER_SESSION = 4.56;

export interface GenerateOptions {
  events: number;
  seed: number;
  out: string;
  settings: DuckDBSettings;
}

export interface DemoSizes {
  sessions: number;
  products: number;
  brands: number;
  categories: number;
  users: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

/** Catalogue and audience grow with the event count up to the real export's size. */
export function demoSizes(events: number): DemoSizes {
  const products = clamp(events / 500, 200, 200_000);
  return {
    sessions: Math.max(1, Math.round(events / ROWS_PER_SESSION)),
    products,
    brands: clamp(products / 50, 25, 4_000),
    categories: clamp(products / 300, 20, 624),
    users: clamp(events * 0.036, 500, 20_000_000),
  };
}

/** Writes the demo partitions under opts.out (replacing those months) and returns rows per month. */
export async function generateDemo(opts: GenerateOptions): Promise<Record<string, number>> {
  if (!Number.isInteger(opts.events) || opts.events < 1000) throw new Error(`--events must be an integer of at least 1000, got ${opts.events}`);
  if (!Number.isInteger(opts.seed)) throw new Error(`--seed must be an integer, got ${opts.seed}`);
  const sizes = demoSizes(opts.events);
  const staging = stagingPath(path.join(opts.out, "demo"));
  const rows: Record<string, number> = {};
  try {
    await withDatabase({ ...opts.settings, preserveInsertionOrder: true }, async (db) => {
      await db.run(`SET VARIABLE seed_hash = hash(${opts.seed}::BIGINT);
        ${Object.entries(sizes).map(([name, value]) => `SET VARIABLE ${name} = ${value}::BIGINT;`).join("\n")}`);
      await db.run(readSql("demo/setup"));
      for (const month of DEMO_MONTHS) {
        const file = path.join(monthFolder(staging, month), "part-0.parquet");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await db.run(`SET VARIABLE month_start = TIMESTAMP '${month}-01';
          SET VARIABLE month_end = TIMESTAMP '${nextMonth(month)}-01';`);
        await db.run(readSql("demo/demo_sessions"));
        await db.run(`COPY (${readSql("demo/demo_events")}) TO ${sqlString(file)} (${PARTITION_FORMAT})`);
        rows[month] = await db.number(`SELECT count(*) FROM read_parquet(${sqlString(file)})`);
      }
    });
    fs.mkdirSync(opts.out, { recursive: true });
    for (const month of DEMO_MONTHS) replaceFolder(monthFolder(opts.out, month), monthFolder(staging, month));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return rows;
}

export interface ShapeFigure {
  name: string;
  value: number;
}

/** The shape figures of a dataset (sql/demo/shape.sql), to compare with the targets. */
export async function measureShape(db: Database, root: string): Promise<ShapeFigure[]> {
  await createEventsView(db, listPartitions(root));
  const [figures] = await db.rows<Record<string, number | string>>(readSql("demo/shape"));
  return Object.entries(figures ?? {}).map(([name, value]) => ({ name, value: Number(value) }));
}
