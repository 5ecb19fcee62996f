// Which data the reports are built from: the partitions under the data root, or, when there are none,
// a small generated demo dataset (unless the configuration forbids it, as the publishing CI does).
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import { loadConfig } from "./config.ts";
import type { DuckDBSettings } from "./duckdb.ts";
import { generateDemo } from "./generate.ts";
import { dataRoot, listPartitions } from "./layout.ts";
import { PROJECT_ROOT } from "./sql-files.ts";

const DEMO_ROOT = path.join(PROJECT_ROOT, "data", "demo");

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
  const marker = path.join(DEMO_ROOT, "_demo.json");
  const wanted = JSON.stringify({ events: demo.events, seed: demo.seed });
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : "";
  if (current !== wanted || listPartitions(DEMO_ROOT).length === 0) {
    log(`No data under ${root}: generating the demo dataset (${demo.events.toLocaleString("en-US")} events) in ${DEMO_ROOT} ...`);
    await generateDemo({ events: demo.events, seed: demo.seed, out: DEMO_ROOT, settings });
    writeFileAtomic(marker, wanted);
  }
  log(`Using the DEMO dataset in ${DEMO_ROOT} (set CLICKSTREAM_DATA to a folder of month=YYYY-MM partitions to use real data).`);
  return { root: DEMO_ROOT, demo: true };
}
