// Ingest, second stage: a CSV file's records, checked by sql/ingest/validate.sql, written as one Parquet
// file per month into a staging folder; the records that cannot be loaded are returned with their line
// and reason. Nothing here touches the partitions.
//
// The file is read at most twice. The usual case, a file without a bad record, is one pass that stops at
// the first bad record (or at a session id that is not a canonical UUID). Only then is the file read once
// more, numbering every record, into a checked copy from which the good rows and the bad ones are taken.
import fs from "node:fs";
import path from "node:path";
import type { Database } from "../shared/duckdb.ts";
import { canonicalUuidSql, EVENT_COLUMNS, monthFolder, PARTITION_FORMAT } from "../shared/layout.ts";
import { readSql, sqlString } from "../shared/sql-files.ts";
import type { MonthCount } from "./manifest.ts";

const MARKER = "REJECTED-RECORD:";
const NOT_UUID = "SESSION-ID-NOT-A-UUID";
/** How many session ids are looked at to guess whether a file can store them as UUID. */
const UUID_PEEK = 10_000;

export interface Rejected {
  line: number;
  reason: string;
  record: string;
}

export interface Staged {
  /** rows per month, each in staging/month=YYYY-MM/part.parquet */
  months: MonthCount[];
  rowsWritten: number;
  rejected: Rejected[];
  /** each column's statistics as written (for the file's profile, drift.ts) */
  columns: Record<string, ColumnStats>;
}

export type Progress = (done: number, seconds: number) => void;

function csvSource(file: string, numbered: boolean): string {
  const columns = EVENT_COLUMNS.map((c) => `'${c.name}': 'VARCHAR'`).join(", ");
  return `DROP TABLE IF EXISTS ingest_errors; DROP TABLE IF EXISTS ingest_scans;
    CREATE OR REPLACE TEMP VIEW ingest_source AS
    SELECT ${numbered ? "row_number() OVER ()" : "NULL::BIGINT"} AS record, *
    FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${columns}}, store_rejects = true, rejects_table = 'ingest_errors', rejects_scan = 'ingest_scans')`;
}

/** The layout's columns from `from`, with user_session as UUID when asked. */
function layoutColumns(sessionsAsUuid: boolean, uuid = "user_session::UUID"): string {
  return EVENT_COLUMNS.map((c) => (c.name === "user_session" && sessionsAsUuid ? `${uuid} AS user_session` : c.name)).join(", ");
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

/** What the Parquet writer counted of a column as it wrote it: smallest and largest value (as text), NULLs. */
export interface ColumnStats {
  min: string | null;
  max: string | null;
  nulls: number;
}

interface Written {
  rows: number;
  minTime: string | null;
  maxTime: string | null;
  columns: Record<string, ColumnStats>;
}

/** Runs a COPY ... (RETURN_STATS) and returns its row count, event_time range and every column's statistics. */
async function copyWithStats(db: Database, select: string, target: string): Promise<Written> {
  const [stats] = await db.rows<{ count: string; column_statistics: { key: string; value: { key: string; value: string }[] }[] }>(
    `COPY (${select}) TO ${sqlString(target)} (${PARTITION_FORMAT}, RETURN_STATS)`);
  const columns = Object.fromEntries((stats?.column_statistics ?? []).map(({ key, value }) => {
    const stat = (name: string) => value.find((s) => s.key === name)?.value ?? null;
    return [key.replaceAll('"', ""), { min: stat("min"), max: stat("max"), nulls: Number(stat("null_count") ?? 0) }];
  }));
  return { rows: Number(stats?.count ?? 0), minTime: columns.event_time?.min ?? null, maxTime: columns.event_time?.max ?? null, columns };
}

/** Runs `work`, reporting DuckDB's progress about twice a second. */
async function withProgress<T>(db: Database, onProgress: Progress | undefined, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const timer = onProgress ? setInterval(() => onProgress(Math.max(0, db.progress()) / 100, (performance.now() - started) / 1000), 500) : undefined;
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** The first pass: every record good (the usual case), or null when a bad record or a non-UUID id stops it. */
async function stageInOnePass(db: Database, file: string, target: string, onProgress?: Progress): Promise<{ written: Written; rejected: Rejected[] } | null> {
  await db.run(csvSource(file, false));
  const sessionsAsUuid = await db.number(`SELECT count(*) FILTER (NOT ${canonicalUuidSql("user_session")}) = 0 AND count(*) > 0
    FROM (SELECT user_session FROM ingest_source WHERE user_session IS NOT NULL LIMIT ${UUID_PEEK})`) === 1;
  await db.run(csvSource(file, false));
  const uuid = `CASE WHEN user_session IS NULL OR ${canonicalUuidSql("user_session", "session_uuid")} THEN session_uuid ELSE error('${NOT_UUID}') END`;
  const from = sessionsAsUuid
    ? `(SELECT *, try_cast(user_session AS UUID) AS session_uuid FROM (${readSql("ingest/validate")}))`
    : `(${readSql("ingest/validate")})`;
  try {
    const written = await withProgress(db, onProgress, () =>
      copyWithStats(db, `SELECT ${layoutColumns(sessionsAsUuid, uuid)} FROM ${from} WHERE reason IS NULL OR error('${MARKER}' || reason)`, target));
    return { written, rejected: await structuralRejects(db) };
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes(MARKER) || message.includes(NOT_UUID)) return null;
    throw error;
  }
}

/**
 * The second pass, when the first one stopped: every record, numbered in file order and checked, into a
 * staged copy; the good rows are written from it (session ids as UUID when all of them are canonical
 * UUIDs) and the bad ones returned with their lines.
 */
async function stageRecordByRecord(db: Database, file: string, staging: string, target: string, onProgress?: Progress): Promise<{ written: Written; rejected: Rejected[] }> {
  const checked = path.join(staging, "checked.parquet");
  await db.run("SET preserve_insertion_order = true;");
  try {
    await db.run(csvSource(file, true));
    await withProgress(db, onProgress, () => db.run(`COPY (${readSql("ingest/validate")}) TO ${sqlString(checked)} (FORMAT parquet, COMPRESSION lz4)`));
  } finally {
    await db.run("SET preserve_insertion_order = false;");
  }
  const structural = await structuralRejects(db);
  const records = `read_parquet(${sqlString(checked)})`;
  const bad = await db.rows<{ record: string; reason: string; raw: string }>(`SELECT record, reason, raw FROM ${records} WHERE reason IS NOT NULL ORDER BY record`);
  const sessionsAsUuid = await db.number(`SELECT count(*) FILTER (NOT ${canonicalUuidSql("user_session")}) = 0 AND count(*) > 0
    FROM ${records} WHERE reason IS NULL AND user_session IS NOT NULL`) === 1;
  const written = await copyWithStats(db, `SELECT ${layoutColumns(sessionsAsUuid)} FROM ${records} WHERE reason IS NULL`, target);
  fs.rmSync(checked);
  const lines = recordLines(bad.map((b) => Number(b.record)), structural.map((r) => r.line));
  const rejected = [...structural, ...bad.map((b, i) => ({ line: lines[i]!, reason: b.reason, record: b.raw }))].sort((a, b) => a.line - b.line);
  return { written, rejected };
}

/** Splits the staged file into one file per month under staging/month=YYYY-MM/part.parquet. */
async function splitByMonth(db: Database, staged: string, staging: string, written: Written): Promise<MonthCount[]> {
  if (written.rows === 0) {
    fs.rmSync(staged);
    return [];
  }
  const first = written.minTime!.slice(0, 7);
  if (first === written.maxTime!.slice(0, 7)) {
    // one month, as in the monthly exports: the file is already right
    fs.mkdirSync(monthFolder(staging, first), { recursive: true });
    fs.renameSync(staged, path.join(monthFolder(staging, first), "part.parquet"));
    return [{ month: first, rows: written.rows }];
  }
  // several months: one pass writes each month's rows to its own folder
  const split = await db.number(`COPY (SELECT *, strftime(event_time, '%Y-%m') AS month FROM read_parquet(${sqlString(staged)}))
    TO ${sqlString(staging)} (${PARTITION_FORMAT}, PARTITION_BY (month), FILENAME_PATTERN 'part', OVERWRITE_OR_IGNORE)`);
  if (split !== written.rows) throw new Error(`${written.rows} rows were loaded but ${split} split into months`);
  fs.rmSync(staged);
  const months: MonthCount[] = [];
  for (const entry of fs.readdirSync(staging).filter((name) => name.startsWith("month=")).sort()) {
    const files = fs.readdirSync(path.join(staging, entry));
    if (files.length !== 1) throw new Error(`expected one file for ${entry}, found ${files.join(", ")}`);
    const part = path.join(staging, entry, "part.parquet");
    fs.renameSync(path.join(staging, entry, files[0]!), part);
    months.push({ month: entry.slice("month=".length), rows: await db.number(`SELECT count(*) FROM read_parquet(${sqlString(part)})`) });
  }
  return months;
}

/**
 * Stages one file: its good rows as staging/month=YYYY-MM/part.parquet, its bad records returned. Checks
 * that nothing is lost: the rows counted back from the month files are the rows loaded.
 */
export async function stageFile(db: Database, file: string, staging: string, onProgress?: Progress): Promise<Staged> {
  const target = path.join(staging, "all.parquet");
  const { written, rejected } = (await stageInOnePass(db, file, target, onProgress)) ?? (await stageRecordByRecord(db, file, staging, target, onProgress));
  const months = await splitByMonth(db, target, staging, written);
  const rowsWritten = months.reduce((sum, m) => sum + m.rows, 0);
  if (rowsWritten !== written.rows) throw new Error(`${written.rows} rows were loaded but ${rowsWritten} are in the written files`);
  return { months, rowsWritten, rejected, columns: written.columns };
}

/** The rejects file's text: file, line, reason and record of each record set aside. */
export function rejectsCsv(fileName: string, rejected: Rejected[]): string {
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const lines = rejected.map((r) => [quote(fileName), r.line, quote(r.reason), quote(r.record)].join(","));
  return `file,line,reason,record\n${lines.join("\n")}\n`;
}
