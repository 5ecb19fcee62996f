// One measured step of `npm run bench`, in a process of its own so that its peak memory is its own.
// Usage: node --import tsx data-loaders/bench/worker.ts '<json>'  ->  prints one JSON line.
import type { Audience } from "../audiences/audience.ts";
import { buildAudienceSnapshots } from "../audiences/audience-snapshots.ts";
import { defaultSettings, withDatabase } from "../shared/duckdb.ts";
import { ingestFiles } from "../ingest/ingest.ts";
import { createEventsView, listPartitions } from "../shared/layout.ts";
import { buildSnapshots } from "../snapshots/snapshots.ts";
import { writeReferenceSnapshots } from "../snapshots/reference.ts";

export type BenchStep =
  | { step: "snapshots"; data: string; cache: string; audiences?: Audience[] }
  | { step: "naive"; data: string; cache: string }
  | { step: "ingest"; file: string; out: string; cache: string };

async function run(task: BenchStep): Promise<Record<string, unknown>> {
  const settings = defaultSettings(task.cache);
  const started = performance.now();
  if (task.step === "snapshots") {
    const build = await buildSnapshots({ dataRoot: task.data, cacheDir: task.cache, settings });
    // the comparisons' snapshots (issue 14: at most 1 s at 100M events)
    const comparisons = build.snapshots.filter((s) => s.name === "period_metrics" || s.name === "period_comparisons").reduce((sum, s) => sum + s.seconds, 0);
    const shopSeconds = build.reused ? (performance.now() - started) / 1000 : build.seconds;
    // with audiences, as npm run build makes them: after the whole shop's
    const audiencesStarted = performance.now();
    const audiences = task.audiences ? await buildAudienceSnapshots({ dataRoot: task.data, cacheDir: task.cache, settings }, task.audiences) : null;
    const audienceSeconds = audiences ? (performance.now() - audiencesStarted) / 1000 : 0;
    return { seconds: shopSeconds + audienceSeconds, audienceSeconds, reused: build.reused ?? false, monthsScanned: build.months.filter((m) => !m.reused).length, comparisons, audienceMonthsRead: audiences?.scanned.length ?? 0 };
  }
  if (task.step === "naive") {
    // the five main snapshots as five independent queries over the raw events, in one DuckDB instance
    const queries = await withDatabase(settings, async (db) => {
      await createEventsView(db, listPartitions(task.data));
      return writeReferenceSnapshots(db, task.cache, "parquet");
    });
    return { seconds: (performance.now() - started) / 1000, queries };
  }
  const { reports, failures } = await ingestFiles([task.file], { out: task.out, settings });
  if (failures.length) throw failures[0];
  return { seconds: reports[0]!.seconds, bytes: reports[0]!.bytes, rows: reports[0]!.rowsRead, profileSeconds: reports[0]!.profileSeconds };
}

const task = JSON.parse(process.argv[2]!) as BenchStep;
const result = await run(task);
process.stdout.write(`${JSON.stringify({ ...result, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
