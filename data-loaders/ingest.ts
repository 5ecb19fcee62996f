// Ingest: monthly CSV (or .csv.gz) exports into the partition layout, validated, with nothing lost.
//
// Per file: the header must be exactly the layout's columns (else nothing of the file is written). DuckDB
// streams the file once, checks every record with sql/ingest/validate.sql and writes the good ones to one
// Parquet file aside; records it cannot load go to a rejects file with their line number and reason.
// Then the file's Parquet output is swapped in, one file per month it covers:
//
//   <out>/month=YYYY-MM/<name>.parquet         <name>: the source file's name without .csv/.gz
//   <out>/_ingest/rejects/<name>.csv           line, reason, record
//   <out>/_ingest/manifest.json                one entry per ingested file
//
// Re-ingesting a file of the same name replaces what it wrote before; files of other names add up.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import zlib from "node:zlib";
import { stagingPath, writeFileAtomic } from "./atomic.ts";
import { Database, type DuckDBSettings } from "./duckdb.ts";
import { canonicalUuidSql, EVENT_COLUMNS, monthFolder, PARTITION_FORMAT } from "./layout.ts";
import { acquireLock } from "./lock.ts";
import { readSql, sqlString } from "./sql-files.ts";

export interface MonthCount {
  month: string;
  rows: number;
}

export interface FileReport {
  file: string;
  name: string;
  bytes: number;
  fingerprint: string;
  rowsRead: number;
  rowsWritten: number;
  rowsRejected: number;
  months: MonthCount[];
  rejectsFile: string | null;
  ingestedAt: string;
  seconds: number;
}

export interface Manifest {
  files: Record<string, FileReport>;
}

export interface IngestOptions {
  out: string;
  settings: DuckDBSettings;
  /** called about twice a second with the share of the current file read so far (0..1) and the seconds since it started */
  onProgress?: (file: string, done: number, seconds: number) => void;
  log?: (message: string) => void;
}

/** A problem with a whole file: nothing of it was written. */
export class IngestError extends Error {}

const MARKER = "REJECTED-RECORD:";
const NOT_UUID = "SESSION-ID-NOT-A-UUID";
/** How many session ids are looked at to guess whether a file can store them as UUID. */
const UUID_PEEK = 10_000;

export function manifestPath(out: string): string {
  return path.join(out, "_ingest", "manifest.json");
}

export function readManifest(out: string): Manifest {
  const file = manifestPath(out);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Manifest) : { files: {} };
}

/** The name a source file's output takes: 2019-Oct.csv.gz -> 2019-Oct. */
export function sourceName(file: string): string {
  return path.basename(file).replace(/\.gz$/i, "").replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The first line of a (possibly gzipped) file, or null when the file has no line at all. */
async function firstLine(file: string): Promise<string | null> {
  const raw = fs.createReadStream(file);
  const input = /\.gz$/i.test(file) ? raw.pipe(zlib.createGunzip()) : raw;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) return line.replace(/^\uFEFF/, "");
    return null;
  } finally {
    lines.close();
    raw.destroy();
  }
}

/** Differences between a header and the layout's columns, as sentences; empty when it matches. */
export function headerDifferences(header: string): string[] {
  const found = header.split(",").map((name) => name.trim().replace(/^"(.*)"$/, "$1"));
  const expected = EVENT_COLUMNS.map((c) => c.name as string);
  if (found.join() === expected.join()) return [];
  const differences: string[] = [];
  const missing = expected.filter((name) => !found.includes(name));
  const extra = found.filter((name) => !expected.includes(name));
  if (missing.length) differences.push(`missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  if (extra.length) differences.push(`unexpected column${extra.length > 1 ? "s" : ""}: ${extra.join(", ")}`);
  for (let i = 0; i < Math.max(found.length, expected.length); i++) {
    if (found[i] !== expected[i]) differences.push(`column ${i + 1} is ${found[i] === undefined ? "absent" : `"${found[i]}"`}, expected ${expected[i] === undefined ? "none" : `"${expected[i]}"`}`);
  }
  return differences;
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file).on("data", (chunk) => hash.update(chunk)).on("error", reject).on("end", () => resolve(hash.digest("hex")));
  });
}

function csvSource(file: string, numbered: boolean): string {
  const columns = EVENT_COLUMNS.map((c) => `'${c.name}': 'VARCHAR'`).join(", ");
  return `CREATE OR REPLACE TEMP VIEW ingest_source AS
    SELECT ${numbered ? "row_number() OVER ()" : "NULL::BIGINT"} AS record, *
    FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${columns}}, store_rejects = true, rejects_table = 'ingest_errors', rejects_scan = 'ingest_scans')`;
}

/**
 * What the layout's columns are selected from: validate.sql, and with sessionsAsUuid each session id
 * parsed once as UUID (session_uuid). A session id that is not a canonical UUID then stops the scan.
 */
function layoutSource(sessionsAsUuid: boolean): { columns: string; from: string } {
  const validated = `(${readSql("ingest/validate")})`;
  if (!sessionsAsUuid) return { columns: EVENT_COLUMNS.map((c) => c.name).join(", "), from: validated };
  const uuid = `CASE WHEN user_session IS NULL OR ${canonicalUuidSql("user_session", "session_uuid")} THEN session_uuid ELSE error('${NOT_UUID}') END AS user_session`;
  return {
    columns: EVENT_COLUMNS.map((c) => (c.name === "user_session" ? uuid : c.name)).join(", "),
    from: `(SELECT *, try_cast(user_session AS UUID) AS session_uuid FROM ${validated})`,
  };
}

interface Rejected {
  line: number;
  reason: string;
  record: string;
}

/** Records DuckDB's CSV reader set aside (wrong number of fields, bad quoting, bad encoding). */
async function structuralRejects(db: Database): Promise<Rejected[]> {
  const rows = await db.rows<{ line: string; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, any_value(error_type) AS error_type, any_value(error_message) AS error_message, any_value(csv_line) AS csv_line
     FROM ingest_errors GROUP BY line ORDER BY line`,
  );
  return rows.map((r) => {
    const fields = /Found: (\d+)/.exec(r.error_message)?.[1];
    const reason = r.error_type === "MISSING COLUMNS" || r.error_type === "TOO MANY COLUMNS"
      ? `${fields ?? "a wrong number of"} fields, expected ${EVENT_COLUMNS.length}`
      : r.error_type === "UNQUOTED VALUE" ? "a quoted field is not closed properly"
      : r.error_type === "INVALID ENCODING" ? "not valid UTF-8"
      : r.error_message;
    return { line: Number(r.line), reason, record: r.csv_line };
  });
}

/**
 * The line of each accepted record number (1-based, in file order), given the lines the CSV reader set
 * aside: the header is line 1 and each record one line.
 */
export function recordLines(records: number[], setAside: number[]): number[] {
  const sorted = [...setAside].sort((a, b) => a - b);
  return records.map((k) => {
    // record k comes after the j-th set-aside line when k > line_j - j - 1 (lines and j from 1)
    let j = 0;
    while (j < sorted.length && sorted[j]! - (j + 1) - 1 < k) j++;
    return k + 1 + j;
  });
}

interface Written {
  rows: number;
  minTime: string | null;
  maxTime: string | null;
}

async function copyWithStats(db: Database, sql: string): Promise<Written> {
  const [stats] = await db.rows<{ count: string; column_statistics: { key: string; value: { key: string; value: string }[] }[] }>(sql);
  const time = stats?.column_statistics.find((c) => c.key.replaceAll('"', "") === "event_time")?.value ?? [];
  const stat = (key: string) => time.find((s) => s.key === key)?.value ?? null;
  return { rows: Number(stats?.count ?? 0), minTime: stat("min"), maxTime: stat("max") };
}

type Progress = (done: number, seconds: number) => void;

/**
 * Ingests one file into a staging folder; returns what was written and rejected. Session ids are stored
 * as UUID when the file's first ids are canonical UUIDs (as in the REES46 exports), and as text when they
 * are not or when one further down is not (the file is then read again).
 */
async function stageFile(db: Database, file: string, staging: string, onProgress?: Progress) {
  await db.run("DROP TABLE IF EXISTS ingest_errors; DROP TABLE IF EXISTS ingest_scans;");
  await db.run(csvSource(file, false));
  const sessionsAsUuid = await db.number(`SELECT count(*) FILTER (NOT ${canonicalUuidSql("user_session")}) = 0 AND count(*) > 0
    FROM (SELECT user_session FROM ingest_source WHERE user_session IS NOT NULL LIMIT ${UUID_PEEK})`) === 1;
  try {
    return await stageFileAs(db, file, staging, sessionsAsUuid, onProgress);
  } catch (error) {
    if (!sessionsAsUuid || !(error as Error).message.includes(NOT_UUID)) throw error;
    return stageFileAs(db, file, staging, false, onProgress);
  }
}

async function stageFileAs(db: Database, file: string, staging: string, sessionsAsUuid: boolean, onProgress?: Progress) {
  const target = path.join(staging, "all.parquet");
  const source = layoutSource(sessionsAsUuid);
  const copy = (where: string) => `COPY (SELECT ${source.columns} FROM ${source.from} WHERE ${where})
    TO ${sqlString(target)} (${PARTITION_FORMAT}, RETURN_STATS)`;
  await db.run("DROP TABLE IF EXISTS ingest_errors; DROP TABLE IF EXISTS ingest_scans;");
  await db.run(csvSource(file, false));
  const started = performance.now();
  const timer = onProgress ? setInterval(() => onProgress(Math.max(0, db.progress()) / 100, (performance.now() - started) / 1000), 500) : undefined;
  let written: Written;
  let rejected: Rejected[];
  try {
    // the usual case: every record that reaches validation is good; the first bad one stops the scan
    written = await copyWithStats(db, copy(`reason IS NULL OR error('${MARKER}' || reason)`));
    rejected = await structuralRejects(db);
  } catch (error) {
    if (!(error as Error).message.includes(MARKER)) throw error;
    // some records are bad: number the records (in file order) to find their lines, then write the rest
    await db.run("DROP TABLE IF EXISTS ingest_errors; DROP TABLE IF EXISTS ingest_scans; SET preserve_insertion_order = true;");
    let bad: { record: string; reason: string; raw: string }[];
    let structural: Rejected[];
    try {
      await db.run(csvSource(file, true));
      bad = await db.rows(`SELECT record, reason, raw FROM (${readSql("ingest/validate")}) WHERE reason IS NOT NULL ORDER BY record`);
      structural = await structuralRejects(db);
    } finally {
      await db.run("SET preserve_insertion_order = false;");
    }
    const lines = recordLines(bad.map((b) => Number(b.record)), structural.map((r) => r.line));
    rejected = [...structural, ...bad.map((b, i) => ({ line: lines[i]!, reason: b.reason, record: b.raw }))].sort((a, b) => a.line - b.line);
    await db.run("DROP TABLE IF EXISTS ingest_errors; DROP TABLE IF EXISTS ingest_scans;");
    await db.run(csvSource(file, false));
    written = await copyWithStats(db, copy("reason IS NULL"));
  } finally {
    clearInterval(timer);
  }
  return { target, written, rejected };
}

/** Splits the staged file into one file per month under staging/month=YYYY-MM/. */
async function splitByMonth(db: Database, staged: string, staging: string, written: Written): Promise<MonthCount[]> {
  if (written.rows === 0) return [];
  const first = written.minTime!.slice(0, 7);
  const months: MonthCount[] = [];
  if (first === written.maxTime!.slice(0, 7)) {
    // one month, as in the monthly exports: the file is already right
    const dir = monthFolder(staging, first);
    fs.mkdirSync(dir, { recursive: true });
    fs.renameSync(staged, path.join(dir, "part.parquet"));
    return [{ month: first, rows: written.rows }];
  }
  // several months: one pass writes each month's rows to its own folder (staging/month=YYYY-MM/)
  const split = await db.number(`COPY (SELECT *, strftime(event_time, '%Y-%m') AS month FROM read_parquet(${sqlString(staged)}))
    TO ${sqlString(staging)} (${PARTITION_FORMAT}, PARTITION_BY (month), FILENAME_PATTERN 'part', OVERWRITE_OR_IGNORE)`);
  if (split !== written.rows) throw new Error(`${written.rows} rows were loaded but ${split} split into months`);
  for (const entry of fs.readdirSync(staging).filter((name) => name.startsWith("month=")).sort()) {
    const files = fs.readdirSync(path.join(staging, entry));
    if (files.length !== 1) throw new Error(`expected one file for ${entry}, found ${files.join(", ")}`);
    fs.renameSync(path.join(staging, entry, files[0]!), path.join(staging, entry, "part.parquet"));
    const month = entry.slice("month=".length);
    months.push({ month, rows: await db.number(`SELECT count(*) FROM read_parquet(${sqlString(path.join(staging, entry, "part.parquet"))})`) });
  }
  fs.rmSync(staged);
  return months;
}

function writeRejects(file: string, name: string, rejected: Rejected[]): void {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const lines = rejected.map((r) => [quote(name), r.line, quote(r.reason), quote(r.record)].join(","));
  writeFileAtomic(file, `file,line,reason,record\n${lines.join("\n")}\n`);
}

export interface IngestResult {
  reports: FileReport[];
  /** files that could not be ingested (nothing of them was written), with the reason */
  failures: IngestError[];
}

/** Ingests the files in order. A file that fails is reported and left out; the others go on. */
export async function ingestFiles(files: string[], opts: IngestOptions): Promise<IngestResult> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(path.join(opts.out, "_ingest"), { recursive: true });
  const release = await acquireLock(path.join(opts.out, "_ingest", "ingest.lock"), "ingest into this folder");
  const db = await Database.open(opts.settings);
  const result: IngestResult = { reports: [], failures: [] };
  try {
    for (const file of files) {
      try {
        result.reports.push(await ingestFile(db, file, opts, log));
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        result.failures.push(error);
      }
    }
  } finally {
    db.close();
    release();
  }
  return result;
}

async function ingestFile(db: Database, file: string, opts: IngestOptions, log: (message: string) => void): Promise<FileReport> {
  const started = performance.now();
  if (!fs.existsSync(file)) throw new IngestError(`${file}: no such file`);
  const name = sourceName(file);
  const bytes = fs.statSync(file).size;
  const header = await firstLine(file).catch((error: Error) => {
    throw new IngestError(`${file}: cannot be read (${error.message})`);
  });
  if (header === null || header.trim() === "") throw new IngestError(`${file}: the file is empty (no header line); nothing was written`);
  const differences = headerDifferences(header);
  if (differences.length) {
    throw new IngestError(`${file}, line 1: the header is not the expected columns (${EVENT_COLUMNS.map((c) => c.name).join(",")}); nothing was written:\n  - ${differences.join("\n  - ")}`);
  }

  const fingerprint = sha256(file);
  const staging = stagingPath(path.join(opts.out, `ingest-${name}`));
  fs.mkdirSync(staging, { recursive: true });
  try {
    const { target, written, rejected } = await stageFile(db, file, staging, opts.onProgress && ((done, seconds) => opts.onProgress!(file, done, seconds)));
    const months = await splitByMonth(db, target, staging, written);

    // nothing lost: what the reader produced is either in a month's file or in the rejects
    const onDisk = await Promise.all(months.map((m) => db.number(`SELECT count(*) FROM read_parquet(${sqlString(path.join(monthFolder(staging, m.month), "part.parquet"))})`)));
    const rowsWritten = onDisk.reduce((a, b) => a + b, 0);
    const rowsRead = written.rows + rejected.length;
    if (rowsWritten !== written.rows || onDisk.some((n, i) => n !== months[i]!.rows)) {
      throw new IngestError(`${file}: ${written.rows} rows were loaded but ${rowsWritten} are in the written files; nothing was written`);
    }

    // swap in: this file's output replaces what the same file wrote before, month by month
    const previous = readManifest(opts.out).files[name];
    for (const { month } of months) {
      fs.mkdirSync(monthFolder(opts.out, month), { recursive: true });
      fs.renameSync(path.join(monthFolder(staging, month), "part.parquet"), path.join(monthFolder(opts.out, month), `${name}.parquet`));
    }
    for (const old of previous?.months ?? []) {
      if (!months.some((m) => m.month === old.month)) fs.rmSync(path.join(monthFolder(opts.out, old.month), `${name}.parquet`), { force: true });
    }
    const rejectsFile = path.join(opts.out, "_ingest", "rejects", `${name}.csv`);
    if (rejected.length) writeRejects(rejectsFile, path.basename(file), rejected);
    else fs.rmSync(rejectsFile, { force: true });

    const report: FileReport = {
      file: path.resolve(file),
      name,
      bytes,
      fingerprint: `sha256:${await fingerprint}`,
      rowsRead,
      rowsWritten,
      rowsRejected: rejected.length,
      months,
      rejectsFile: rejected.length ? path.relative(opts.out, rejectsFile) : null,
      ingestedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
    };
    const manifest = readManifest(opts.out);
    manifest.files[name] = report;
    writeFileAtomic(manifestPath(opts.out), `${JSON.stringify(manifest, null, 2)}\n`);
    log(`${path.basename(file)}: ${rowsRead} rows read = ${rowsWritten} written + ${rejected.length} rejected`);
    return report;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`${file}: ${(error as Error).message}; nothing of it was written`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
