// Snapshots: the tables the reports show, one per SQL file at the top of sql/ (macros.sql aside).
// They read the rollups of every month (rollup_<name>), the models in sql/models/, other snapshots, or
// the raw `events`. All of them are built in one process with one DuckDB instance and cached:
//
//   <cache>/snapshots/<key>/<snapshot>.parquet   the complete table
//   <cache>/snapshots/<key>/<snapshot>.json      the same rows, for the site (small snapshots: JSON_ROW_LIMIT)
//   <cache>/snapshots/<key>/<snapshot>/<month>.json   a snapshot with a month column: each period's rows
//                                                 ('all' and each month), without the month column
//   <cache>/snapshots/<key>/_build.json          what was built from what, when, how fast
//   <cache>/snapshots/current.json               which <key> is current
//   <cache>/audiences/<name>/...                 the same (rollups, overlaps, snapshots) for an audience
//
// The key changes when the data or any SQL changes, so a rebuild with nothing changed opens no database.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { replaceFolder, stagingPath, writeFileAtomic } from "../shared/atomic.ts";
import { loadConfig, type Config } from "../shared/config.ts";
import { Database, type DuckDBSettings } from "../shared/duckdb.ts";
import { manifestPath, readManifest } from "../ingest/manifest.ts";
import { journalPath, pendingSwap } from "../ingest/swap.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { createEventsView, listPartitions, partitionFingerprint, type Partition } from "../shared/layout.ts";
import { AudienceSchema, audienceFilterSql, type Audience } from "../audiences/audience.ts";
import { createRollupViews, ensureAudienceRollups, ensureMonthRollup, ensureOverlaps, hashRanges, overlapFiles, pruneMonthRollups, rollupFiles, type AudienceCache, type MonthRollup } from "./rollups.ts";
import { readSql, SQL_DIR, sqlString } from "../shared/sql-files.ts";
import { createReferenceTables, keepUsedReferenceEntries, readReferenceData, referenceKey, type ReferenceData } from "./reference-data.ts";
import { dependencyOrder, sqlFilesIn, type SqlFile } from "../shared/sql-graph.ts";

/** Bump to invalidate every cached snapshot when the way they are written changes. */
const SNAPSHOT_FORMAT = 3;
const MANIFEST = "_build.json";
/**
 * Larger snapshots are kept as Parquet only: the pages read small ones, and writing JSON is slow. Large
 * means more rows, or a Parquet file of more bytes (a few rows of long documents), than these.
 */
export const JSON_ROW_LIMIT = 50_000;
const JSON_PARQUET_BYTES = 16_000_000;
/**
 * Checks of the source (complete months, prices) and of the reference files' coverage (sql/checks/):
 * made on the whole shop's build. An audience's build makes the others: its months may be empty or
 * small, its few products free, and the reference files' coverage is the shop's to judge.
 */
const WHOLE_SHOP_CHECKS = new Set(["month_gaps", "month_volume", "purchase_revenue", "reference_coverage"]);
/** Files at the top of sql/ that are not snapshots. */
const NOT_SNAPSHOTS = new Set(["macros"]);
/**
 * The five main snapshots, in the order the Definitions page lists them: the public interface. Each has
 * a straightforward twin in sql/reference/ (tests and benchmark).
 */
export const MAIN_SNAPSHOTS = ["funnel", "products", "abandonment", "sessions", "brand_daily"];
/**
 * Snapshots also written as one Parquet file per value of a column, for downloads of a part:
 * <snapshot>_by_<column>/<n>.parquet, the n-th value of _values.json (values are data, not file names).
 */
const SPLIT_DOWNLOADS: Record<string, string> = { customers: "segment" };
/**
 * Snapshots also written as CSV, for lists people open in a spreadsheet. Their columns are numbers,
 * times and fixed words only: no text from the data, which a spreadsheet could take for a formula.
 */
const CSV_DOWNLOADS = new Set(["reengagement"]);
/**
 * Snapshots too large to compute in one piece (their aggregations would not fit DuckDB's memory limit):
 * each runs once per range of entity hashes (SQL variables range_low and range_high, see in_range in
 * sql/macros.sql), one range per `rangeRows` rows of the table named here, each written to a file of
 * its own (RANGE_PARTS) and read back as one table.
 */
const RANGED_SNAPSHOTS: Record<string, string> = { explore_documents: "rollup_entity_days" };
const RANGE_ROWS = 250_000;
/** Where a ranged snapshot's parts are written (inside the staged folder) until the whole is. */
const RANGE_PARTS = "_ranges";
/** Snapshot files: row groups of at most 32 MB, since a group of 122,880 long documents (explore_documents) would not fit in memory. */
const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE_BYTES '32MB'";

const count = z.number().int().min(0);
/** What a build made from what: <key>/_build.json, read back when nothing changed. */
const SnapshotBuildSchema = z
  .object({
    key: z.string().regex(/^[0-9a-f]{16}$/),
    dir: z.string(),
    builtAt: z.iso.datetime(),
    demo: z.boolean(),
    dataRoot: z.string(),
    /** the audience whose events these are (null: the whole shop) */
    audience: AudienceSchema.nullable(),
    months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), files: count, bytes: count, fingerprint: z.string(), reused: z.boolean(), seconds: z.number().min(0) }).strict()),
    snapshots: z.array(z.object({ name: z.string(), rows: count, seconds: z.number().min(0) }).strict()),
    /** what looks wrong in the data (data_quality_warnings) */
    warnings: z.array(z.string()),
    /** seconds spent on this build (0 when everything was reused) */
    seconds: z.number().min(0),
    /** peak resident memory of the building process, MB */
    peakRssMB: count,
  })
  .strict();

export type SnapshotInfo = SnapshotBuild["snapshots"][number];
export type SnapshotBuild = z.infer<typeof SnapshotBuildSchema> & {
  /** true when this call found the snapshots already built */
  reused?: boolean;
};

export interface BuildOptions {
  dataRoot: string;
  cacheDir: string;
  settings: DuckDBSettings;
  /** the data is the generated demo dataset */
  demo?: boolean;
  /** settings (months shown, gate and warning limits); clickstream.config.json when not given */
  config?: Config;
  log?: (message: string) => void;
  /** rows of a ranged snapshot's table per range (RANGED_SNAPSHOTS); tests set it low to run many ranges */
  rangeRows?: number;
  /** the reference files' folder (default: the project's reference/) */
  referenceDir?: string;
  /** build the snapshots of this audience's events only (cached under <cacheDir>/audiences/<name>/) */
  audience?: Audience;
}

/** The data or the snapshots break a rule that must hold before anything is published. */
export class GateError extends Error {
  constructor(readonly problems: string[]) {
    super(`the build stopped; nothing was published:\n  - ${problems.join("\n  - ")}`);
  }
}

export function snapshotFiles(): SqlFile[] {
  return sqlFilesIn(SQL_DIR).filter((f) => !NOT_SNAPSHOTS.has(f.name));
}

export function snapshotNames(): string[] {
  return snapshotFiles().map((f) => f.name);
}

function modelFiles(): SqlFile[] {
  return sqlFilesIn(path.join(SQL_DIR, "models"));
}

function checkFiles(): SqlFile[] {
  return sqlFilesIn(path.join(SQL_DIR, "checks"));
}

/** Where the audiences' caches are, one folder each. */
export function audiencesCacheRoot(cacheDir: string): string {
  return path.join(cacheDir, "audiences");
}

/** Where an audience's rollups, overlaps and snapshots are cached. */
export function audienceCacheDir(cacheDir: string, audience: Audience): string {
  return path.join(audiencesCacheRoot(cacheDir), audience.name);
}

export function audienceCache(cacheDir: string, audience: Audience): AudienceCache {
  return { name: audience.name, filter: audienceFilterSql(audience), cacheDir: audienceCacheDir(cacheDir, audience) };
}

function snapshotKey(partitions: Partition[], demo: boolean, config: Config, ingestManifest: string, reference: ReferenceData, audience: Audience | null): string {
  const limits = JSON.stringify({ gates: config.gates, warnings: config.warnings, rfm: config.rfm, personas: config.personas, reference: config.reference, audience });
  const hash = createHash("sha256").update(`format ${SNAPSHOT_FORMAT}\ndemo ${demo}\n${limits}\n${ingestManifest}\n${referenceKey(reference)}\n${readSql("macros")}`);
  if (audience) hash.update(`\0${readSql("audiences/used_reference_entries")}`);
  for (const p of partitions) hash.update(`\0${p.month}\0${partitionFingerprint(p)}`);
  for (const f of [...rollupFiles(), ...overlapFiles(), ...modelFiles(), ...snapshotFiles(), ...checkFiles()]) hash.update(`\0${f.name}\0${f.sql}`);
  return hash.digest("hex").slice(0, 16);
}

/** The partitions of the months the configuration shows. */
export function shownPartitions(dataRoot: string, config: Config): Partition[] {
  const { from, to } = config.months;
  return listPartitions(dataRoot).filter((p) => (!from || p.month >= from) && (!to || p.month <= to));
}

/** SQL variables the snapshots and checks read: the settings of clickstream.config.json, snake_cased. */
function settingVariables(config: Config): string {
  const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const values = {
    ...config.gates, ...config.warnings, rfm_frequency: config.rfm.frequency, personas_k: config.personas.k,
    recommendations_min_users: config.recommendations.minUsers, recommendations_max_products_per_user: config.recommendations.maxProductsPerUser,
    reference_min_event_share: config.reference.minEventShare, reference_action: config.reference.action,
  };
  return Object.entries(values).map(([name, value]) => `SET VARIABLE ${snake(name)} = ${JSON.stringify(value)};`).join("\n");
}

/** The first days of the data's first and last months (partitions are in calendar order): the customer snapshots count periods from them. */
function monthVariables(partitions: Partition[]): string {
  const day = (p: Partition) => sqlString(`${p.month}-01`);
  return `SET VARIABLE first_month = ${day(partitions[0]!)}::DATE; SET VARIABLE last_month = ${day(partitions.at(-1)!)}::DATE;`;
}

/**
 * The ingest manifest (checked when read) as a table; empty for data that was not ingested, like the
 * demo, and for an audience (dataRoot null): the files' figures are the whole shop's.
 */
async function createIngestFiles(db: Database, dataRoot: string | null): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE ingest_files (name VARCHAR, file VARCHAR, fingerprint VARCHAR, months VARCHAR, rejects_file VARCHAR,
    ingested_at VARCHAR, bytes BIGINT, rows_read BIGINT, rows_written BIGINT, rows_rejected BIGINT)`);
  for (const f of dataRoot ? Object.values(readManifest(dataRoot).files) : []) {
    await db.run("INSERT INTO ingest_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", [
      f.name, path.basename(f.file), f.fingerprint, f.months.map((m) => m.month).join(" "), f.rejectsFile ?? "", f.ingestedAt,
      f.bytes, f.rowsRead, f.rowsWritten, f.rowsRejected,
    ]);
  }
}

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The current snapshots: reused when data and SQL are unchanged, otherwise (re)built incrementally. */
export async function buildSnapshots(opts: BuildOptions): Promise<SnapshotBuild> {
  const log = opts.log ?? (() => {});
  const config = opts.config ?? loadConfig();
  if (pendingSwap(opts.dataRoot)) {
    throw new GateError([`an ingest into ${opts.dataRoot} is running or was interrupted half way (${journalPath(opts.dataRoot)}); run npm run ingest to finish it`]);
  }
  const partitions = shownPartitions(opts.dataRoot, config);
  if (partitions.length === 0) throw new GateError([`no partitions under ${opts.dataRoot} (expected month=YYYY-MM/*.parquet) in the months shown`]);
  const demo = opts.demo ?? false;
  const ingestManifest = fs.existsSync(manifestPath(opts.dataRoot)) ? fs.readFileSync(manifestPath(opts.dataRoot), "utf8") : "";
  const reference = readReferenceData(opts.referenceDir);
  const audience = opts.audience ?? null;
  const key = snapshotKey(partitions, demo, config, ingestManifest, reference, audience);
  const cacheDir = audience ? audienceCacheDir(opts.cacheDir, audience) : opts.cacheDir;
  const root = path.join(cacheDir, "snapshots");
  const dir = path.join(root, key);
  const manifestFile = path.join(dir, MANIFEST);
  if (fs.existsSync(manifestFile)) {
    try {
      const build = readJsonFile(manifestFile, SnapshotBuildSchema, "snapshot build record");
      writeCurrent(root, build);
      return { ...build, reused: true };
    } catch (error) {
      // a damaged cache entry is built again, never read
      log(`${(error as Error).message}\nBuilding these snapshots again.`);
    }
  }

  const started = performance.now();
  const db = await Database.open(opts.settings);
  const staging = stagingPath(dir);
  try {
    await db.run(readSql("macros"));
    const rollups: MonthRollup[] = [];
    for (const partition of partitions) {
      const rollup = audience
        ? (await ensureAudienceRollups(db, partition, [audienceCache(opts.cacheDir, audience)])).rollups[0]!
        : await ensureMonthRollup(db, opts.cacheDir, partition);
      const steps = Object.entries(rollup.steps ?? {}).map(([name, s]) => `${name} ${s.toFixed(2)}`).join(", ");
      log(`rollups month=${partition.month}: ${rollup.reused ? "cached" : `computed in ${rollup.seconds.toFixed(2)} s (${steps})`}`);
      rollups.push(rollup);
    }
    const overlaps = await ensureOverlaps(db, cacheDir, rollups);
    const computed = overlaps.filter((o) => !o.reused);
    if (computed.length) log(`overlaps computed for ${computed.map((o) => o.month).join(", ")} in ${computed.reduce((s, o) => s + o.seconds, 0).toFixed(2)} s`);
    await createRollupViews(db, rollups, overlaps);
    if (audience && (await db.number("SELECT count(*) FROM rollup_days")) === 0) {
      throw new GateError([`the audience "${audience.name}" has no event in the months shown: check its brands and categories in the configuration`]);
    }
    if (audience) {
      await createEventsView(db, partitions, "all_events");
      await db.run(`CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM all_events WHERE ${audienceFilterSql(audience)}`);
    } else {
      await createEventsView(db, partitions);
    }
    await db.run(settingVariables(config));
    await db.run(monthVariables(partitions));
    await createIngestFiles(db, audience ? null : opts.dataRoot);
    await createReferenceTables(db, reference, opts.settings.tempDirectory);
    // an audience's site names only what its events have: the other entries are other audiences' names
    if (audience) await keepUsedReferenceEntries(db);

    fs.mkdirSync(staging, { recursive: true });
    const snapshotNamesSet = new Set(snapshotNames());
    const snapshots: SnapshotInfo[] = [];
    for (const file of await dependencyOrder(db, [...modelFiles(), ...snapshotFiles()])) {
      const stepStarted = performance.now();
      const sizedBy = RANGED_SNAPSHOTS[file.name];
      try {
        if (sizedBy) {
          // each range straight to a file of its own, read back as one view: the parts are never all in memory
          const ranges = Math.max(1, Math.ceil((await db.number(`SELECT count(*) FROM ${sizedBy}`)) / (opts.rangeRows ?? RANGE_ROWS)));
          const parts = path.join(staging, RANGE_PARTS, file.name);
          fs.mkdirSync(parts, { recursive: true });
          for (const [i, [low, high]] of hashRanges(ranges).entries()) {
            await db.run(`SET VARIABLE range_low = ${low}::UBIGINT; SET VARIABLE range_high = ${high}::UBIGINT;`);
            await db.run(`COPY (${file.sql}) TO ${sqlString(path.join(parts, `${String(i).padStart(5, "0")}.parquet`))} (${PARQUET_OPTIONS})`);
          }
          await db.run(`CREATE OR REPLACE TEMP VIEW ${file.name} AS SELECT * FROM read_parquet(${sqlString(path.join(parts, "*.parquet"))})`);
        } else {
          await db.run(`CREATE OR REPLACE TEMP TABLE ${file.name} AS ${file.sql}`);
        }
      } catch (error) {
        throw new Error(`${path.relative(path.dirname(SQL_DIR), file.file)} failed: ${(error as Error).message}`);
      }
      if (!snapshotNamesSet.has(file.name)) {
        log(`model ${file.name} in ${((performance.now() - stepStarted) / 1000).toFixed(2)} s`);
        continue;
      }
      const rows = await db.number(`SELECT count(*) FROM ${file.name}`);
      await db.run(`COPY ${file.name} TO ${sqlString(path.join(staging, `${file.name}.parquet`))} (${PARQUET_OPTIONS})`);
      if (SPLIT_DOWNLOADS[file.name]) await writeParts(db, file.name, SPLIT_DOWNLOADS[file.name]!, staging);
      if (CSV_DOWNLOADS.has(file.name)) await db.run(`COPY ${file.name} TO ${sqlString(path.join(staging, `${file.name}.csv`))} (HEADER)`);
      if (rows <= JSON_ROW_LIMIT && fs.statSync(path.join(staging, `${file.name}.parquet`)).size <= JSON_PARQUET_BYTES) {
        await db.run(`COPY ${file.name} TO ${sqlString(path.join(staging, `${file.name}.json`))} (FORMAT json, ARRAY true)`);
        const columns = await db.rows<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${file.name})`);
        if (columns.some((c) => c.column_name === "month")) writePeriods(staging, file.name, ["all", ...partitions.map((p) => p.month)]);
      }
      // what is written is read back from its file: the table's memory (a GB of documents at 100M events)
      // is free for the snapshots and checks after it
      await db.run(`DROP ${sizedBy ? "VIEW" : "TABLE"} ${file.name}; CREATE TEMP VIEW ${file.name} AS SELECT * FROM read_parquet(${sqlString(path.join(staging, `${file.name}.parquet`))})`);
      if (sizedBy) fs.rmSync(path.join(staging, RANGE_PARTS), { recursive: true });
      snapshots.push({ name: file.name, rows, seconds: (performance.now() - stepStarted) / 1000 });
      log(`snapshot ${file.name}: ${rows} rows in ${snapshots.at(-1)!.seconds.toFixed(2)} s`);
    }
    const problems: string[] = [];
    for (const check of checkFiles().filter((c) => !audience || !WHOLE_SHOP_CHECKS.has(c.name))) {
      const found = await db.rows<{ problem: string }>(check.sql);
      problems.push(...found.map((row) => `${row.problem} (sql/checks/${check.name}.sql)`));
    }
    if (problems.length) throw new GateError(problems);
    const warnings = await db.rows<{ month: string | null; warning: string }>("SELECT * FROM data_quality_warnings");
    for (const w of warnings) log(`warning: ${w.month ? `month ${w.month}: ` : ""}${w.warning}`);

    const build: SnapshotBuild = {
      key,
      dir,
      builtAt: new Date().toISOString(),
      demo,
      dataRoot: opts.dataRoot,
      audience,
      months: partitions.map((p, i) => ({
        month: p.month,
        files: p.files.length,
        bytes: p.files.reduce((sum, f) => sum + f.size, 0),
        fingerprint: partitionFingerprint(p),
        reused: rollups[i]!.reused,
        seconds: rollups[i]!.seconds,
      })),
      snapshots,
      warnings: warnings.map((w) => (w.month ? `month ${w.month}: ${w.warning}` : w.warning)),
      seconds: (performance.now() - started) / 1000,
      peakRssMB: peakRssMB(),
    };
    writeFileAtomic(path.join(staging, MANIFEST), JSON.stringify(build, null, 2));
    replaceFolder(dir, staging);
    writeCurrent(root, build);
    pruneMonthRollups([...rollups, ...overlaps]);
    pruneSnapshots(root, key);
    return build;
  } finally {
    db.close();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** A snapshot's rows with each value of `column`, as <dir>/<table>_by_<column>/<n>.parquet, listed in _values.json. */
async function writeParts(db: Database, table: string, column: string, dir: string): Promise<void> {
  const target = path.join(dir, `${table}_by_${column}`);
  fs.mkdirSync(target);
  const values = (await db.rows<{ value: string }>(`SELECT DISTINCT ${column}::VARCHAR AS value FROM ${table} WHERE ${column} IS NOT NULL ORDER BY value`)).map((r) => r.value);
  for (const [i, value] of values.entries()) {
    await db.run(`COPY (SELECT * FROM ${table} WHERE ${column}::VARCHAR = ${sqlString(value)}) TO ${sqlString(path.join(target, `${i}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
  }
  fs.writeFileSync(path.join(target, "_values.json"), JSON.stringify(values));
}

/**
 * A snapshot with a month column, split into <dir>/<table>/<period>.json for each period (every one, an
 * empty list where it has no row, also when the snapshot has none), without the month column: what a
 * page showing one period loads.
 */
function writePeriods(dir: string, table: string, periods: string[]): void {
  const rows = JSON.parse(fs.readFileSync(path.join(dir, `${table}.json`), "utf8")) as Record<string, unknown>[];
  const byPeriod = new Map<string, unknown[]>(periods.map((p) => [p, []]));
  for (const { month, ...rest } of rows) byPeriod.get(String(month))?.push(rest);
  fs.mkdirSync(path.join(dir, table));
  for (const [period, periodRows] of byPeriod) fs.writeFileSync(path.join(dir, table, `${period}.json`), JSON.stringify(periodRows));
}

function writeCurrent(root: string, build: SnapshotBuild): void {
  writeFileAtomic(path.join(root, "current.json"), JSON.stringify({ key: build.key, builtAt: build.builtAt }, null, 2));
}

/** Keeps the current snapshots and the ones before them; deletes older ones. */
function pruneSnapshots(root: string, currentKey: string): void {
  const builds = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => ({ name: e.name, mtime: fs.statSync(path.join(root, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of builds.filter((b) => b.name !== currentKey).slice(1)) {
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}
