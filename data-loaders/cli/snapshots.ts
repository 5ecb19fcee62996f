// npm run snapshots -- [--data DIR] [--out DIR]
// Builds every snapshot (reusing what is cached) and copies the Parquet tables to --out.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cacheDir } from "../shared/config.ts";
import { resolveData } from "../demo/demo-data.ts";
import { defaultSettings } from "../shared/duckdb.ts";
import { buildSnapshots } from "../snapshots/snapshots.ts";
import { writeFileAtomic } from "../shared/atomic.ts";

const { values } = parseArgs({ options: { data: { type: "string" }, out: { type: "string", default: "snapshots" } } });
const settings = defaultSettings(cacheDir());
const source = values.data ? { root: path.resolve(values.data), demo: false } : await resolveData(settings);
const build = await buildSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, log: console.error });
const out = path.resolve(values.out);
for (const { name } of build.snapshots) writeFileAtomic(path.join(out, `${name}.parquet`), fs.readFileSync(path.join(build.dir, `${name}.parquet`)));
console.log(`${build.reused ? "Reused" : "Built"} ${build.snapshots.length} snapshots from ${build.months.length} months of ${source.demo ? "DEMO data" : source.root}` +
  (build.reused ? "" : ` in ${build.seconds.toFixed(2)} s, peak memory ${build.peakRssMB} MB`));
for (const s of build.snapshots) console.log(`  ${s.name.padEnd(24)} ${String(s.rows).padStart(9)} rows  -> ${path.join(out, s.name)}.parquet`);
for (const warning of build.warnings) console.error(`Warning: ${warning}`);
