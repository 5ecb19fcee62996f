// One measured step of `npm run bench`, in a process of its own so that its peak memory is its own.
// Usage: node --import tsx data-loaders/bench-worker.ts '<json>'  ->  prints one JSON line.
import fs from "node:fs";
import path from "node:path";
import { defaultSettings, withDatabase } from "./duckdb.ts";
import { ingestFiles } from "./ingest.ts";
import { createEventsView, listPartitions } from "./layout.ts";
import { buildSnapshots } from "./snapshots.ts";
import { SQL_DIR, sqlString } from "./sql-files.ts";

export type BenchStep =
  | { step: "snapshots"; data: string; cache: string }
  | { step: "naive"; data: string; cache: string }
  | { step: "ingest"; file: string; out: string; cache: string };

const REFERENCE = ["funnel", "products", "abandonment", "sessions", "brand_daily"];

async function run(task: BenchStep): Promise<Record<string, unknown>> {
  const settings = defaultSettings(task.cache);
  const started = performance.now();
  if (task.step === "snapshots") {
    const build = await buildSnapshots({ dataRoot: task.data, cacheDir: task.cache, settings });
    return { seconds: build.reused ? (performance.now() - started) / 1000 : build.seconds, reused: build.reused ?? false, monthsScanned: build.months.filter((m) => !m.reused).length };
  }
  if (task.step === "naive") {
    // the five main snapshots as five independent queries over the raw events, in one DuckDB instance
    const seconds: Record<string, number> = {};
    await withDatabase(settings, async (db) => {
      await createEventsView(db, listPartitions(task.data));
      for (const name of REFERENCE) {
        const stepStarted = performance.now();
        const sql = fs.readFileSync(path.join(SQL_DIR, "reference", `${name}.sql`), "utf8");
        await db.run(`COPY (${sql}) TO ${sqlString(path.join(task.cache, `${name}.parquet`))} (FORMAT parquet)`);
        seconds[name] = (performance.now() - stepStarted) / 1000;
      }
    });
    return { seconds: (performance.now() - started) / 1000, queries: seconds };
  }
  const { reports, failures } = await ingestFiles([task.file], { out: task.out, settings });
  if (failures.length) throw failures[0];
  return { seconds: reports[0]!.seconds, bytes: reports[0]!.bytes, rows: reports[0]!.rowsRead };
}

const task = JSON.parse(process.argv[2]!) as BenchStep;
const result = await run(task);
process.stdout.write(`${JSON.stringify({ ...result, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
