// Rollups: partial aggregates of one month, computed by the SQL in sql/rollups/ with one pass over that
// month's partition, and cached on disk. A rollup is reused as long as the partition's files and the
// rollup SQL are unchanged, so a rebuild scans only the months that changed.
//
//   <cache>/rollups/month=YYYY-MM/<key>/<rollup>.parquet
//
// Inside sql/rollups/, `month_events` is the month's events (with a `month` column) and `month_<rollup>`
// an earlier rollup of the same month; `month_start` and `month_end` are SQL variables. SQL in
// sql/rollups/steps/ makes tables that are kept in memory for the month's rollups and never written.
// Snapshot SQL reads all months of a rollup as `rollup_<rollup>` (with a `month` column).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath, writeFileAtomic } from "./atomic.ts";
import type { Database } from "./duckdb.ts";
import { createEventsView, monthFolder, nextMonth, partitionFingerprint, type Partition } from "./layout.ts";
import { readSql, SQL_DIR, sqlString } from "./sql-files.ts";
import { dependencyOrder, sqlFilesIn, type SqlFile } from "./sql-graph.ts";

/** Bump to invalidate every cached rollup when the way they are written changes. */
const ROLLUP_FORMAT = 1;
const DONE_MARKER = "_rollup.json";

export interface MonthRollup {
  month: string;
  key: string;
  dir: string;
  reused: boolean;
  seconds: number;
  /** seconds per rollup, when computed now */
  steps?: Record<string, number>;
}

const STEPS_DIR = path.join(SQL_DIR, "rollups", "steps");

/** Rollups and steps, each after the ones it reads. */
export function rollupFiles(): SqlFile[] {
  return dependencyOrder([...sqlFilesIn(path.join(SQL_DIR, "rollups"), "month_"), ...sqlFilesIn(STEPS_DIR, "month_")]);
}

const isStep = (file: SqlFile) => path.dirname(file.file) === STEPS_DIR;

/** The names of the rollups kept on disk, e.g. "products" (read across months as rollup_products). */
export function rollupNames(): string[] {
  return rollupFiles().filter((f) => !isStep(f)).map((f) => f.name.slice("month_".length));
}

function rollupKey(partition: Partition, files: SqlFile[]): string {
  const hash = createHash("sha256").update(`format ${ROLLUP_FORMAT}\n${partitionFingerprint(partition)}\n${readSql("macros")}`);
  for (const f of files) hash.update(`\0${f.name}\0${f.sql}`);
  return hash.digest("hex").slice(0, 16);
}

/** The month's rollups from the cache, or computed now (then cached). Macros must be loaded in db. */
export async function ensureMonthRollup(db: Database, cacheDir: string, partition: Partition): Promise<MonthRollup> {
  const started = performance.now();
  const files = rollupFiles();
  const key = rollupKey(partition, files);
  const dir = path.join(monthFolder(path.join(cacheDir, "rollups"), partition.month), key);
  const result = { month: partition.month, key, dir };
  if (fs.existsSync(path.join(dir, DONE_MARKER))) return { ...result, reused: true, seconds: (performance.now() - started) / 1000 };

  for (const file of partition.files) {
    try {
      await db.run(`SELECT count(*) FROM read_parquet(${sqlString(file.path)})`);
    } catch (error) {
      throw new Error(`corrupt or unreadable Parquet file ${file.path}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  const staging = stagingPath(dir);
  fs.mkdirSync(staging, { recursive: true });
  try {
    await createEventsView(db, [partition], "month_events");
    await db.run(`SET VARIABLE month_start = TIMESTAMP '${partition.month}-01';
      SET VARIABLE month_end = TIMESTAMP '${nextMonth(partition.month)}-01';`);
    const steps: Record<string, number> = {};
    for (const file of files) {
      const stepStarted = performance.now();
      const target = path.join(staging, `${file.name.slice("month_".length)}.parquet`);
      try {
        if (isStep(file)) {
          await db.run(`CREATE OR REPLACE TEMP TABLE ${file.name} AS ${file.sql}`);
        } else {
          await db.run(`COPY (${file.sql}) TO ${sqlString(target)} (FORMAT parquet, COMPRESSION lz4)`);
          await db.run(`CREATE OR REPLACE TEMP VIEW ${file.name} AS SELECT * FROM read_parquet(${sqlString(target)})`);
        }
      } catch (error) {
        const files = partition.files.map((f) => f.path).join(", ");
        throw new Error(`${path.relative(path.dirname(SQL_DIR), file.file)} failed on month=${partition.month} (${files}): ${(error as Error).message}`);
      }
      steps[file.name.slice("month_".length)] = (performance.now() - stepStarted) / 1000;
    }
    for (const file of files.filter(isStep)) await db.run(`DROP TABLE ${file.name}`);
    const seconds = (performance.now() - started) / 1000;
    const sourceFiles = partition.files.map((f) => ({ file: path.basename(f.path), size: f.size, mtimeMs: f.mtimeMs }));
    writeFileAtomic(path.join(staging, DONE_MARKER), JSON.stringify({ month: partition.month, key, files: sourceFiles, seconds }, null, 2));
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    replaceFolder(dir, staging);
    return { ...result, reused: false, seconds, steps };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Views rollup_<name> over the given months' rollups, each with the `month` it came from. */
export async function createRollupViews(db: Database, months: MonthRollup[]): Promise<void> {
  for (const name of rollupNames()) {
    const files = months.map((m) => sqlString(path.join(m.dir, `${name}.parquet`))).join(", ");
    await db.run(`CREATE OR REPLACE TEMP VIEW rollup_${name} AS
      SELECT * FROM read_parquet([${files}], hive_partitioning = true, hive_types = {'month': VARCHAR})`);
  }
}

/** Deletes the older cached rollups of the months in use. */
export function pruneMonthRollups(inUse: MonthRollup[]): void {
  for (const rollup of inUse) {
    const monthDir = path.dirname(rollup.dir);
    for (const key of fs.readdirSync(monthDir)) {
      if (key !== path.basename(rollup.dir)) fs.rmSync(path.join(monthDir, key), { recursive: true, force: true });
    }
  }
}
