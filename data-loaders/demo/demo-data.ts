// Which data the reports are built from: the partitions under the data root, or, when there are none,
// a small generated demo dataset (unless the configuration forbids it, as the publishing CI does).
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../shared/atomic.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { loadConfig } from "../shared/config.ts";
import type { DuckDBSettings } from "../shared/duckdb.ts";
import { generateDemo } from "./generate.ts";
import { dataRoot, listPartitions } from "../shared/layout.ts";
import { PROJECT_ROOT } from "../shared/sql-files.ts";

const DEMO_ROOT = path.join(PROJECT_ROOT, "data", "demo");
/** In the demo folder: the size and seed it was generated with, so a changed setting generates it again. */
export const DEMO_MARKER = "_demo.json";
export const DemoMarkerSchema = z.object({ events: z.number().int().min(1), seed: z.number().int() }).strict();

export interface DataSource {
  root: string;
  demo: boolean;
}

export async function resolveData(
  settings: DuckDBSettings,
  log: (message: string) => void = console.error,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DataSource> {
  const root = dataRoot(env);
  if (listPartitions(root).length > 0) return { root, demo: false };
  const { demo } = loadConfig(env);
  if (!demo.allowed) {
    throw new Error(`no partitions under ${root} (expected month=YYYY-MM/*.parquet), and the demo dataset is not allowed here (CLICKSTREAM_REQUIRE_DATA=1 or demo.allowed false)`);
  }
  const marker = path.join(DEMO_ROOT, DEMO_MARKER);
  const wanted = { events: demo.events, seed: demo.seed };
  // a missing or damaged marker means the demo has to be generated (again)
  let current: z.infer<typeof DemoMarkerSchema> | undefined;
  try {
    current = readJsonFile(marker, DemoMarkerSchema, "demo marker");
  } catch {
    current = undefined;
  }
  if (current?.events !== wanted.events || current.seed !== wanted.seed || listPartitions(DEMO_ROOT).length === 0) {
    log(`No data under ${root}: generating the demo dataset (${demo.events.toLocaleString("en-US")} events) in ${DEMO_ROOT} ...`);
    await generateDemo({ events: demo.events, seed: demo.seed, out: DEMO_ROOT, settings });
    writeFileAtomic(marker, JSON.stringify(wanted));
  }
  log(`Using the DEMO dataset in ${DEMO_ROOT} (set CLICKSTREAM_DATA to a folder of month=YYYY-MM partitions to use real data).`);
  return { root: DEMO_ROOT, demo: true };
}
