// npm run ingest -- [--out DIR] FILE...
// Loads monthly CSV or CSV.gz exports into the partition layout (default: $CLICKSTREAM_DATA or
// data/events), with a progress line on a terminal and a reconciliation of every file and month. With no
// file, it finishes what an interrupted ingest left half swapped (if anything).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { cacheDir, loadConfig } from "../shared/config.ts";
import { defaultSettings } from "../shared/duckdb.ts";
import { ingestFiles } from "../ingest/ingest.ts";
import { dataRoot } from "../shared/layout.ts";

const { values, positionals } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: true });
const out = path.resolve(values.out ?? dataRoot());
const interactive = process.stderr.isTTY && !process.env.CI;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const fileSizes = new Map<string, number>();

const onProgress = (file: string, done: number, seconds: number) => {
  const size = fileSizes.get(file) ?? 0;
  const rate = (size * done) / Math.max(seconds, 0.001);
  const left = done > 0.02 ? (seconds / done) * (1 - done) : NaN;
  const eta = Number.isFinite(left) ? `${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, "0")} left` : "";
  process.stderr.write(`\r${path.basename(file)}  ${(done * 100).toFixed(0).padStart(3)}%  ${mb(size * done)} of ${mb(size)}  ${mb(rate)}/s  ${eta}    `);
};

for (const file of positionals) if (fs.existsSync(file)) fileSizes.set(file, fs.statSync(file).size);
const started = performance.now();
const { reports, failures, recovered } = await ingestFiles(positionals, {
  out,
  settings: defaultSettings(cacheDir()),
  drift: loadConfig().drift,
  onProgress: interactive ? onProgress : undefined,
  // a file is done: clear its progress line before the report
  log: () => interactive && process.stderr.write(`\r${" ".repeat(100)}\r`),
});

if (recovered) console.log(`Finished swapping in ${recovered}, which an interrupted ingest had left half done.`);
if (positionals.length === 0) {
  if (!recovered) console.error("usage: npm run ingest -- [--out DIR] FILE.csv[.gz] ...");
  process.exit(recovered ? 0 : 2);
}
for (const r of reports) {
  const rate = r.bytes / 1e6 / r.seconds;
  console.log(`${path.basename(r.file)}: ${r.rowsRead.toLocaleString("en-US")} rows read = ${r.rowsWritten.toLocaleString("en-US")} written + ${r.rowsRejected.toLocaleString("en-US")} rejected` +
    `  (${mb(r.bytes)} in ${r.seconds.toFixed(1)} s: ${rate.toFixed(0)} MB/s, ${Math.round(r.rowsRead / r.seconds).toLocaleString("en-US")} rows/s)`);
  for (const m of r.months) console.log(`  month=${m.month}  ${m.rows.toLocaleString("en-US")} rows -> ${path.join(out, `month=${m.month}`, `${r.name}.parquet`)}`);
  if (r.rejectsFile) console.log(`  rejected rows (line and reason): ${path.join(out, r.rejectsFile)}`);
  for (const d of r.drift ?? []) console.log(`  drift warning (${d.check}): ${d.message}`);
}
for (const failure of failures) console.error(`\nNot ingested: ${failure.message}`);
const total = reports.reduce((sum, r) => sum + r.bytes, 0);
console.log(`\n${reports.length} of ${positionals.length} files ingested into ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (${mb(total)}).`);
if (failures.length) process.exitCode = 1;
