// npm run generate -- --events N --seed S --out DIR
// Writes the demo dataset in the partition layout and prints its shape next to the real export's.
import { parseArgs } from "node:util";
import { cacheDir } from "../shared/config.ts";
import { defaultSettings, withDatabase } from "../shared/duckdb.ts";
import { DEMO_TARGETS, compareShape } from "../demo/targets.ts";
import { generateDemo, measureShape } from "../demo/generate.ts";
import { dataRoot } from "../shared/layout.ts";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "2000000" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
  },
});
const out = values.out ?? dataRoot();
const settings = defaultSettings(cacheDir());
const started = performance.now();
const rows = await generateDemo({ events: Number(values.events), seed: Number(values.seed), out, settings });
const seconds = (performance.now() - started) / 1000;
const total = Object.values(rows).reduce((a, b) => a + b, 0);
console.log(`Generated ${total.toLocaleString("en-US")} events in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString("en-US")} events/s) into ${out}`);
for (const [month, n] of Object.entries(rows)) console.log(`  month=${month}  ${n.toLocaleString("en-US")} rows`);
const shape = await withDatabase(settings, (db) => measureShape(db, out));
console.log("\nShape of the generated data against the real export (../shared/notes/reference-figures.md):");
console.table(compareShape(shape, DEMO_TARGETS));
