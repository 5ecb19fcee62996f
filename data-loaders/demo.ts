// Which data the reports are built from: the partitions under CLICKSTREAM_DATA, or, when there are none,
// a small generated demo dataset (unless CLICKSTREAM_REQUIRE_DATA=1, as on the publishing CI).
import fs from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import type { DuckDBSettings } from "./duckdb.ts";
import { generateDemo } from "./generate.ts";
import { dataRoot, listPartitions } from "./layout.ts";
import { PROJECT_ROOT } from "./sql-files.ts";

export const DEMO = { events: 2_000_000, seed: 1, root: path.join(PROJECT_ROOT, "data", "demo") };

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
  if (env.CLICKSTREAM_REQUIRE_DATA === "1") {
    throw new Error(`no partitions under ${root} (expected month=YYYY-MM/*.parquet) and CLICKSTREAM_REQUIRE_DATA=1 forbids the demo dataset`);
  }
  const marker = path.join(DEMO.root, "_demo.json");
  const wanted = JSON.stringify({ events: DEMO.events, seed: DEMO.seed });
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, "utf8") : "";
  if (current !== wanted || listPartitions(DEMO.root).length === 0) {
    log(`No data under ${root}: generating the demo dataset (${DEMO.events.toLocaleString("en-US")} events) in ${DEMO.root} ...`);
    await generateDemo({ ...DEMO, out: DEMO.root, settings });
    writeFileAtomic(marker, wanted);
  }
  log(`Using the DEMO dataset in ${DEMO.root} (set CLICKSTREAM_DATA to a folder of month=YYYY-MM partitions to use real data).`);
  return { root: DEMO.root, demo: true };
}
