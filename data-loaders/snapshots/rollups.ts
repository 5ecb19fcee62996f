// Rollups: partial aggregates of one month, computed by the SQL in sql/rollups/ with one pass over that
// month's partition, and cached on disk. A rollup is reused as long as the partition's files and the
// rollup SQL are unchanged, so a rebuild scans only the months that changed.
//
//   <cache>/rollups/month=YYYY-MM/<key>/<rollup>.parquet
//   <cache>/overlaps/month=YYYY-MM/<key>/<overlap>.parquet
//
// SQL in sql/rollups/ sees one month: `events` is the month's events (with a `month` column) and
// `rollup_<name>` another rollup of the same month; `month_start` and `month_end` are SQL variables. SQL in
// sql/rollups/steps/ makes tables (`step_<name>`) that are kept in memory for the month's rollups and never
// written. Overlaps (sql/overlaps/) compare a month's rollups (`rollup_<name>`) with those of every month
// before it (`earlier_rollup_<name>`); they are cached until the month or an earlier one changes, so
// adding the newest month computes only its own. Models and snapshots read all months of a rollup as
// `rollup_<name>` and of an overlap as `overlap_<name>`, with a `month` column.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath, writeFileAtomic } from "../shared/atomic.ts";
import type { Database } from "../shared/duckdb.ts";
import { createEventsView, monthFolder, nextMonth, partitionFingerprint, type Partition } from "../shared/layout.ts";
import { readSql, SQL_DIR, sqlString } from "../shared/sql-files.ts";
import { dependencyOrder, sqlFilesIn, tablesRead, type SqlFile } from "../shared/sql-graph.ts";

/** Bump to invalidate every cached rollup and overlap when the way they are written changes. */
const ROLLUP_FORMAT = 1;
const DONE_MARKER = "_rollup.json";
/**
 * Overlaps run once for each of this many ranges of 64-bit hashes (SQL variables range_low and
 * range_high): the part of a month's hashes in one range fits the CPU's caches better, which made the
 * newest month's join 1.6 times as fast at 100M events and 2.3 times at 411M (8 to 32 ranges gained
 * nothing more).
 */
const HASH_RANGES = 4;

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

/** The SQL files of a folder, whose tables must all start with `prefix` (the folder's convention). */
function prefixedFiles(dir: string, prefix: string): SqlFile[] {
  const files = sqlFilesIn(dir);
  const stray = files.find((f) => !f.name.startsWith(prefix));
  if (stray) throw new Error(`${stray.file}: tables made in ${path.relative(path.dirname(SQL_DIR), dir)}/ are named ${prefix}<name> (rename the file to ${prefix}${stray.name}.sql)`);
  return files;
}

/** Rollups (rollup_*) and steps (step_*), by name. */
export function rollupFiles(): SqlFile[] {
  return [...prefixedFiles(path.join(SQL_DIR, "rollups"), "rollup_"), ...prefixedFiles(STEPS_DIR, "step_")];
}

/** Overlaps (overlap_*), by name. */
export function overlapFiles(): SqlFile[] {
  return prefixedFiles(path.join(SQL_DIR, "overlaps"), "overlap_");
}

const isStep = (file: SqlFile) => path.dirname(file.file) === STEPS_DIR;

/** The rollups kept on disk, e.g. "rollup_products". */
export function rollupNames(): string[] {
  return rollupFiles().filter((f) => !isStep(f)).map((f) => f.name);
}

function cacheKey(parts: string[], files: SqlFile[]): string {
  const hash = createHash("sha256").update(`format ${ROLLUP_FORMAT}\n${readSql("macros")}`);
  for (const part of parts) hash.update(`\0${part}`);
  for (const f of files) hash.update(`\0${f.name}\0${f.sql}`);
  return hash.digest("hex").slice(0, 16);
}

const isDone = (dir: string) => fs.existsSync(path.join(dir, DONE_MARKER));

/** `count` ranges of equal width that cover every 64-bit hash, as [low, high] (inclusive). */
export function hashRanges(count: number): [bigint, bigint][] {
  const width = (1n << 64n) / BigInt(count);
  return Array.from({ length: count }, (_, i) => [width * BigInt(i), i === count - 1 ? (1n << 64n) - 1n : width * BigInt(i + 1) - 1n]);
}

/**
 * Runs `files`, each after those it reads, into a staged folder that then replaces `dir`: steps become temp
 * tables (dropped at the end), the others Parquet files, each readable by the files after it under its
 * own name. With `ranges`, each file runs once per hash range and the results are written together.
 * Returns seconds per file.
 */
async function computeInto(db: Database, dir: string, files: SqlFile[], what: string, marker: object, ranges = 1): Promise<Record<string, number>> {
  const started = performance.now();
  const staging = stagingPath(dir);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const steps: Record<string, number> = {};
    const ordered = await dependencyOrder(db, files);
    // a step is dropped as soon as the last file that reads it is done: the memory it holds is what the
    // month's largest aggregations spill without
    const lastReader = new Map<string, number>();
    for (const [i, file] of ordered.entries()) for (const table of await tablesRead(db, file)) lastReader.set(table, i);
    for (const [i, file] of ordered.entries()) {
      const stepStarted = performance.now();
      const target = path.join(staging, `${file.name}.parquet`);
      try {
        if (isStep(file)) {
          await db.run(`CREATE OR REPLACE TEMP TABLE ${file.name} AS ${file.sql}`);
        } else if (ranges === 1) {
          await db.run(`COPY (${file.sql}) TO ${sqlString(target)} (FORMAT parquet, COMPRESSION lz4)`);
        } else {
          const parts = `${file.name}_ranges`;
          for (const [i, [low, high]] of hashRanges(ranges).entries()) {
            await db.run(`SET VARIABLE range_low = ${low}::UBIGINT; SET VARIABLE range_high = ${high}::UBIGINT;`);
            await db.run(i === 0 ? `CREATE OR REPLACE TEMP TABLE ${parts} AS ${file.sql}` : `INSERT INTO ${parts} ${file.sql}`);
          }
          await db.run(`COPY ${parts} TO ${sqlString(target)} (FORMAT parquet, COMPRESSION lz4); DROP TABLE ${parts};`);
        }
        if (!isStep(file)) await db.run(`CREATE OR REPLACE TEMP VIEW ${file.name} AS SELECT * FROM read_parquet(${sqlString(target)})`);
      } catch (error) {
        throw new Error(`${path.relative(path.dirname(SQL_DIR), file.file)} failed on ${what}: ${(error as Error).message}`);
      }
      steps[file.name] = (performance.now() - stepStarted) / 1000;
      for (const step of ordered.filter(isStep)) if (lastReader.get(step.name) === i) await db.run(`DROP TABLE ${step.name}`);
    }
    for (const file of ordered.filter((f) => isStep(f) && !lastReader.has(f.name))) await db.run(`DROP TABLE ${file.name}`);
    const seconds = (performance.now() - started) / 1000;
    writeFileAtomic(path.join(staging, DONE_MARKER), JSON.stringify({ ...marker, seconds }, null, 2));
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    replaceFolder(dir, staging);
    return steps;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Where a month's rollups are cached: the key changes with the partition's files, the SQL and the audience's filter. */
function monthRollupTarget(cacheDir: string, partition: Partition, filter?: string): { month: string; key: string; dir: string } {
  const key = cacheKey(filter ? [partitionFingerprint(partition), filter] : [partitionFingerprint(partition)], rollupFiles());
  return { month: partition.month, key, dir: path.join(monthFolder(path.join(cacheDir, "rollups"), partition.month), key) };
}

/** Reads each file of the partition once, so that a damaged file is named before any rollup starts. */
async function checkReadable(db: Database, partition: Partition): Promise<void> {
  for (const file of partition.files) {
    try {
      await db.run(`SELECT count(*) FROM read_parquet(${sqlString(file.path)})`);
    } catch (error) {
      throw new Error(`corrupt or unreadable Parquet file ${file.path}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
}

/** Computes the month's rollups into target.dir from the `events` the database has now. */
async function computeMonthRollup(db: Database, partition: Partition, target: { month: string; key: string; dir: string }, what: string): Promise<Record<string, number>> {
  await db.run(`SET VARIABLE month_start = TIMESTAMP '${partition.month}-01';
    SET VARIABLE month_end = TIMESTAMP '${nextMonth(partition.month)}-01';`);
  const sourceFiles = partition.files.map((f) => ({ file: path.basename(f.path), size: f.size, mtimeMs: f.mtimeMs }));
  return computeInto(db, target.dir, rollupFiles(), what, { month: partition.month, key: target.key, files: sourceFiles });
}

const describe = (partition: Partition) => `month=${partition.month} (${partition.files.map((f) => f.path).join(", ")})`;

/** The month's rollups from the cache, or computed now (then cached). Macros must be loaded in db. */
export async function ensureMonthRollup(db: Database, cacheDir: string, partition: Partition): Promise<MonthRollup> {
  const started = performance.now();
  const target = monthRollupTarget(cacheDir, partition);
  if (isDone(target.dir)) return { ...target, reused: true, seconds: (performance.now() - started) / 1000 };
  await checkReadable(db, partition);
  await createEventsView(db, [partition]);
  const steps = await computeMonthRollup(db, partition, target, describe(partition));
  return { ...target, reused: false, seconds: (performance.now() - started) / 1000, steps };
}

/** An audience's filter (SQL over the event columns) and the folder of its cache. */
export interface AudienceCache {
  name: string;
  filter: string;
  cacheDir: string;
}

/**
 * The month's rollups of each audience, from the cache or computed now. The month's files are read once
 * for all the audiences whose rollups are missing: their events (an event once per audience it belongs
 * to, with the audience's number) go into one table sorted by audience, and each audience's rollups are
 * computed from a view of its rows, as they would be from a partition that held only those events. Sorted,
 * one audience's rows are whole blocks of the table, which DuckDB reads alone, and no copy of them is held
 * in memory (README, Performance > Audiences). `scanned` says whether the files were read.
 */
export async function ensureAudienceRollups(db: Database, partition: Partition, audiences: AudienceCache[]): Promise<{ rollups: MonthRollup[]; scanned: boolean }> {
  const started = performance.now();
  const targets = audiences.map((audience) => ({ audience, target: monthRollupTarget(audience.cacheDir, partition, audience.filter) }));
  const missing = targets.filter(({ target }) => !isDone(target.dir));
  const rollups = new Map<string, MonthRollup>();
  for (const { audience, target } of targets.filter((t) => !missing.includes(t))) rollups.set(audience.name, { ...target, reused: true, seconds: 0 });
  if (missing.length > 0) {
    await checkReadable(db, partition);
    await createEventsView(db, [partition], "month_events");
    const numbers = missing.map(({ audience }, i) => `CASE WHEN ${audience.filter} THEN ${i + 1}::USMALLINT END`);
    await db.run(`DROP VIEW IF EXISTS events;
      CREATE OR REPLACE TEMP TABLE audience_month_events AS
      SELECT * EXCLUDE (audiences), unnest(audiences) AS audience
      FROM (SELECT *, list_filter([${numbers.join(", ")}], a -> a IS NOT NULL) AS audiences FROM month_events)
      WHERE len(audiences) > 0
      ORDER BY audience`);
    const scanSeconds = (performance.now() - started) / 1000;
    try {
      for (const [i, { audience, target }] of missing.entries()) {
        const audienceStarted = performance.now();
        await db.run(`CREATE OR REPLACE TEMP VIEW events AS SELECT * EXCLUDE (audience) FROM audience_month_events WHERE audience = ${i + 1}`);
        const steps = await computeMonthRollup(db, partition, target, `${describe(partition)} for the audience ${audience.name}`);
        rollups.set(audience.name, { ...target, reused: false, seconds: scanSeconds / missing.length + (performance.now() - audienceStarted) / 1000, steps });
      }
    } finally {
      await db.run("DROP VIEW IF EXISTS events; DROP TABLE audience_month_events; DROP VIEW month_events");
    }
  }
  return { rollups: audiences.map((a) => rollups.get(a.name)!), scanned: missing.length > 0 };
}

/** A view over the given months' Parquet files of a rollup or overlap, with the `month` each came from. */
async function createMonthsView(db: Database, view: string, dirs: string[], table: string): Promise<void> {
  const files = dirs.map((dir) => sqlString(path.join(dir, `${table}.parquet`))).join(", ");
  await db.run(`CREATE OR REPLACE TEMP VIEW ${view} AS
    SELECT * FROM read_parquet([${files}], hive_partitioning = true, hive_types = {'month': VARCHAR})`);
}

/**
 * Each month's overlaps with the months before it (months in calendar order, their rollups done), from
 * the cache or computed now. Cached under a key made of the month's rollup key and those of every
 * earlier month, so a change anywhere before a month recomputes it.
 */
export async function ensureOverlaps(db: Database, cacheDir: string, months: MonthRollup[]): Promise<MonthRollup[]> {
  const files = overlapFiles();
  // only the rollups the overlap SQL reads get views
  const reads = new Set<string>();
  for (const file of files) for (const table of await tablesRead(db, file)) reads.add(table.replace(/^earlier_/, ""));
  const read = rollupNames().filter((name) => reads.has(name));
  const overlaps: MonthRollup[] = [];
  for (const [i, month] of months.entries()) {
    const started = performance.now();
    const key = cacheKey(months.slice(0, i + 1).map((m) => `${m.month} ${m.key}`), files);
    const dir = path.join(monthFolder(path.join(cacheDir, "overlaps"), month.month), key);
    const result = { month: month.month, key, dir };
    if (isDone(dir)) {
      overlaps.push({ ...result, reused: true, seconds: (performance.now() - started) / 1000 });
      continue;
    }
    for (const name of read) {
      await createMonthsView(db, name, [month.dir], name);
      // the first month has no earlier one: an empty table of the same columns
      if (i === 0) await db.run(`CREATE OR REPLACE TEMP VIEW earlier_${name} AS SELECT * FROM ${name} LIMIT 0`);
      else await createMonthsView(db, `earlier_${name}`, months.slice(0, i).map((m) => m.dir), name);
    }
    const steps = await computeInto(db, dir, files, `month=${month.month} against the months before it`, { month: month.month, key }, HASH_RANGES);
    overlaps.push({ ...result, reused: false, seconds: (performance.now() - started) / 1000, steps });
  }
  return overlaps;
}

/** Views rollup_<name> and overlap_<name> over all the given months' rollups and overlaps. */
export async function createRollupViews(db: Database, months: MonthRollup[], overlaps: MonthRollup[]): Promise<void> {
  for (const name of rollupNames()) await createMonthsView(db, name, months.map((m) => m.dir), name);
  for (const file of overlapFiles()) await createMonthsView(db, file.name, overlaps.map((m) => m.dir), file.name);
}

/** Deletes the older cached rollups or overlaps of the months in use. */
export function pruneMonthRollups(inUse: MonthRollup[]): void {
  for (const rollup of inUse) {
    const monthDir = path.dirname(rollup.dir);
    for (const key of fs.readdirSync(monthDir)) {
      if (key !== path.basename(rollup.dir)) fs.rmSync(path.join(monthDir, key), { recursive: true, force: true });
    }
  }
}
