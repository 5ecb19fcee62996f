// Ingest: monthly CSV (or .csv.gz) exports into the partition layout, validated, with nothing lost.
//
// Each file goes through three stages, each in its own module:
//   header.ts  its name and header line are checked (a wrong header: nothing of the file is written);
//   stage.ts   DuckDB reads it (once, or twice when a record is bad) into one Parquet file per month in a
//              staging folder, and sets aside the records it cannot load with their line and reason;
//   drift.ts   the written rows are profiled and compared with the files before it (a blocking finding:
//              nothing of the file is written);
//   swap.ts    the staged files, rejects and manifest entry replace what the same file wrote before, all
//              or nothing.
//
//   <out>/month=YYYY-MM/<name>.parquet         <name>: the source file's name without .csv/.gz
//   <out>/_ingest/rejects/<name>.csv           file, line, reason, record
//   <out>/_ingest/manifest.json                one entry per ingested file (manifest.ts)
//
// Re-ingesting a file of the same name replaces what it wrote before; files of other names add up.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { writeFileAtomic } from "../shared/atomic.ts";
import { Database, type DuckDBSettings } from "../shared/duckdb.ts";
import { sqlString } from "../shared/sql-files.ts";
import { loadConfig } from "../shared/config.ts";
import { acquireLock } from "../shared/lock.ts";
import { driftFindings, profileRows, type DriftConfig } from "./drift.ts";
import { checkHeader, IngestError, sourceName } from "./header.ts";
import { readManifest, type FileReport } from "./manifest.ts";
import { rejectsCsv, stageFile } from "./stage.ts";
import { commitSwap, finishSwap, planSwap, recoverInterruptedIngest, stagingFolder } from "./swap.ts";

export interface IngestOptions {
  out: string;
  settings: DuckDBSettings;
  /** called about twice a second with the share of the current file read so far (0..1) and the seconds since it started */
  onProgress?: (file: string, done: number, seconds: number) => void;
  log?: (message: string) => void;
  /** the drift checks' limits (default: the configuration's) */
  drift?: DriftConfig;
}

export interface IngestResult {
  reports: FileReport[];
  /** files that could not be ingested (nothing of them was written), with the reason */
  failures: IngestError[];
  /** the file whose swap an interrupted earlier run left half done, finished now */
  recovered: string | null;
}

/**
 * The SHA-256 of a file's bytes. A .gz file is also decompressed on the way, to its end: DuckDB reads a
 * gzip stream that breaks off (an interrupted download) as if the file ended there, so a truncated
 * export would otherwise load part of a month without a word.
 */
function fingerprint(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    const input = fs.createReadStream(file);
    const gunzip = /\.gz$/i.test(file) ? zlib.createGunzip() : null;
    let pending = gunzip ? 2 : 1;
    const done = () => --pending === 0 && resolve(hash.digest("hex"));
    input.on("data", (chunk) => hash.update(chunk)).on("error", reject).on("end", done);
    if (gunzip) {
      input.pipe(gunzip).on("data", () => {}).on("end", done)
        .on("error", (error) => reject(new Error(`the gzip data is damaged or cut off (${error.message})`)));
    }
  });
}

/** Ingests the files in order. A file that fails is reported and left out; the others go on. */
export async function ingestFiles(files: string[], opts: IngestOptions): Promise<IngestResult> {
  fs.mkdirSync(path.join(opts.out, "_ingest"), { recursive: true });
  const release = await acquireLock(path.join(opts.out, "_ingest", "ingest.lock"), "ingest into this folder");
  try {
    const recovered = recoverInterruptedIngest(opts.out);
    const result: IngestResult = { reports: [], failures: [], recovered };
    if (files.length === 0) return result;
    const db = await Database.open(opts.settings);
    try {
      for (const file of files) {
        try {
          result.reports.push(await ingestFile(db, file, opts));
        } catch (error) {
          if (!(error instanceof IngestError)) throw error;
          result.failures.push(error);
        }
      }
    } finally {
      db.close();
    }
    return result;
  } finally {
    release();
  }
}

async function ingestFile(db: Database, file: string, opts: IngestOptions): Promise<FileReport> {
  const started = performance.now();
  const columns = await checkHeader(file);
  const name = sourceName(file);
  const bytes = fs.statSync(file).size;
  const staging = stagingFolder(opts.out, name);
  fs.mkdirSync(staging, { recursive: true });
  let committed = false;
  try {
    const progress = opts.onProgress && ((done: number, seconds: number) => opts.onProgress!(file, done, seconds));
    // the content fingerprint is read alongside; both finish before anything else happens (a damaged gzip
    // stream is the clearer reason when both fail)
    const [hashed, stagedResult] = await Promise.allSettled([fingerprint(file), stageFile(db, file, staging, progress)]);
    if (hashed.status === "rejected") throw hashed.reason;
    if (stagedResult.status === "rejected") throw stagedResult.reason;
    const [sha256, staged] = [hashed.value, stagedResult.value];
    const profileStarted = performance.now();
    const profile = await profileRows(db, `read_parquet(${sqlString(path.join(staging, "month=*", "part.parquet"))})`, columns, { rows: staged.rowsWritten, columns: staged.columns });
    const earlier = Object.values(readManifest(opts.out).files)
      .filter((entry) => entry.name !== name && entry.profile?.firstEvent != null && profile.firstEvent != null && entry.profile.firstEvent <= profile.firstEvent)
      .map((entry) => entry.profile!);
    const profileSeconds = (performance.now() - profileStarted) / 1000;
    const drift = driftFindings(path.basename(file), profile, earlier, opts.drift ?? loadConfig().drift);
    const blocking = drift.filter((d) => d.severity === "block");
    if (blocking.length) throw new IngestError(`${file}: departs from the files before it (drift settings in the configuration); nothing was written:\n  - ${blocking.map((d) => d.message).join("\n  - ")}`);
    let rejects: string | null = null;
    if (staged.rejected.length) writeFileAtomic((rejects = path.join(staging, "rejects.csv")), rejectsCsv(path.basename(file), staged.rejected));
    const report: FileReport = {
      file: path.resolve(file),
      name,
      bytes,
      fingerprint: `sha256:${sha256}`,
      rowsRead: staged.rowsWritten + staged.rejected.length,
      rowsWritten: staged.rowsWritten,
      rowsRejected: staged.rejected.length,
      months: staged.months,
      rejectsFile: rejects ? path.join("_ingest", "rejects", `${name}.csv`) : null,
      ingestedAt: new Date().toISOString(),
      seconds: (performance.now() - started) / 1000,
      profile,
      profileSeconds,
      drift,
    };
    const plan = planSwap(opts.out, staging, report, readManifest(opts.out).files[name], rejects);
    commitSwap(opts.out, plan);
    committed = true;
    finishSwap(opts.out, plan);
    opts.log?.(`${path.basename(file)}: ${report.rowsRead} rows read = ${report.rowsWritten} written + ${report.rowsRejected} rejected`);
    return report;
  } catch (error) {
    if (error instanceof IngestError) throw error;
    // a committed swap that could not be finished is finished by the next ingest into this folder
    if (committed) throw new Error(`${file}: its swap into ${opts.out} stopped half way (${(error as Error).message}); run npm run ingest again to finish it`);
    throw new IngestError(`${file}: ${(error as Error).message}; nothing of it was written`);
  } finally {
    if (!committed) fs.rmSync(staging, { recursive: true, force: true });
  }
}
