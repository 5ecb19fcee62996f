// npm run bench -- [--events N] [--seed S] [--skip ingest,add,naive,double,audiences,pages] [--compare REV] [--json]
// Measures, in one run: generation, ingest, snapshots from scratch, a rebuild with no change, a rebuild
// after adding a month (and that month alone), the naive five-query baseline, the site build (on these
// months, and on twice as many, which doubles the page data files), the same builds with five audiences
// of about a tenth of the events each, and each page's data. Prints a table
// (or one JSON object a line). A benchmark: it asserts nothing. --skip leaves steps out. --compare REV
// also builds the snapshots from scratch with the code of git revision REV (checked out in .bench/), on
// the same data in the same run, so that a change's cost is measured against what it changes.
//
// Generated data is kept in .bench/ and reused when the size and seed match.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Audience } from "../audiences/audience.ts";
import type { BenchStep } from "../bench/worker.ts";
import { configFile } from "../shared/config.ts";
import { defaultSettings, withDatabase } from "../shared/duckdb.ts";
import { generateDemo } from "../demo/generate.ts";
import { EVENT_COLUMNS, listPartitions, monthFolder, PARTITION_FORMAT, type Partition } from "../shared/layout.ts";
import { measurePages } from "../site/page-weight.ts";
import { PAGE_DATA_DIR } from "../site/page-data.ts";
import { PROJECT_ROOT, sqlString } from "../shared/sql-files.ts";
import { pageFile, PAGES } from "../../src/pages.js";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "2000000" },
    seed: { type: "string", default: "1" },
    skip: { type: "string", default: "" },
    compare: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const skip = new Set(values.skip!.split(",").filter(Boolean));
const events = Number(values.events);
const seed = Number(values.seed);
const root = path.join(PROJECT_ROOT, ".bench");
const runs = path.join(root, "runs");
const results: { metric: string; value: number | string; unit: string; note?: string }[] = [];

function report(metric: string, value: number | string, unit: string, note?: string): void {
  const row = { metric, value: typeof value === "number" ? Number(value.toPrecision(4)) : value, unit, ...(note ? { note } : {}) };
  results.push(row);
  if (values.json) console.log(JSON.stringify(row));
  else console.error(`  ${metric}: ${row.value} ${unit}${note ? `  (${note})` : ""}`);
}

/** Runs one step in a process of its own, with the code of `project` (this checkout unless told). */
function worker(task: BenchStep, env: Record<string, string> = {}, project = PROJECT_ROOT): Record<string, number> {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(project, "data-loaders/bench/worker.ts"), JSON.stringify(task)], {
    cwd: project, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`bench step ${task.step} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, number>;
}

/** The first line of DuckDB's message, e.g. "Out of Memory Error: could not allocate ...". */
const reason = (error: unknown) => /\[?Error: ([^\n]+)/.exec((error as Error).message.split("bench step")[1] ?? "")?.[1] ?? (error as Error).message.split("\n")[0];

/** A folder of month partitions made of hard links to the given partitions' files (no copying). */
function linkPartitions(target: string, partitions: Partition[]): void {
  fs.rmSync(target, { recursive: true, force: true });
  for (const p of partitions) {
    fs.mkdirSync(monthFolder(target, p.month), { recursive: true });
    for (const f of p.files) fs.linkSync(f.path, path.join(monthFolder(target, p.month), path.basename(f.path)));
  }
}

/** The code of a git revision, checked out once under .bench/ (sharing this checkout's node_modules). */
function checkout(revision: string): string {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: PROJECT_ROOT, encoding: "utf8" });
  const commit = git("rev-parse", "--verify", `${revision}^{commit}`).stdout.trim();
  if (!commit) throw new Error(`--compare ${revision}: no such git revision`);
  const dir = path.join(root, `code-${commit.slice(0, 12)}`);
  if (!fs.existsSync(dir)) {
    const added = git("worktree", "add", "--force", "--detach", dir, commit);
    if (added.status !== 0) throw new Error(`--compare ${revision}: ${added.stderr}`);
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules"));
  }
  return dir;
}

/**
 * `count` audiences of about a tenth of the partition's events each: brands, largest first, given to the
 * first audience until it holds a tenth, then to the next.
 */
async function tenthAudiences(partition: Partition, count: number): Promise<(Audience & { share: string })[]> {
  const brands = await withDatabase(defaultSettings(path.join(runs, "tmp")), (db) => db.rows<{ brand: string; share: number }>(`
    SELECT brand, count(*) / sum(count(*)) OVER () AS share FROM read_parquet([${partition.files.map((f) => sqlString(f.path)).join(", ")}])
    GROUP BY brand HAVING brand IS NOT NULL ORDER BY share DESC, brand`));
  const audiences: (Audience & { share: string })[] = [];
  let taken: string[] = [];
  let share = 0;
  for (const b of brands) {
    if (audiences.length === count) break;
    taken.push(b.brand);
    share += b.share;
    if (share >= 0.095) {
      audiences.push({ name: `audience-${audiences.length + 1}`, brands: taken, share: `${(share * 100).toFixed(1)}%` });
      [taken, share] = [[], 0];
    }
  }
  return audiences;
}

const fresh = (dir: string) => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

console.error(`Benchmark on ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${events.toLocaleString("en-US")} events, seed ${seed}`);
report("machine", `${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}`, "");

// 1. generation (reused when already there)
const data = path.join(root, `data-${events}-${seed}`);
const marker = path.join(data, "_bench.json");
if (!fs.existsSync(marker)) {
  fresh(data);
  const started = performance.now();
  const rows = await generateDemo({ events, seed, out: data, settings: defaultSettings(fresh(path.join(runs, "generate"))) });
  const seconds = (performance.now() - started) / 1000;
  fs.writeFileSync(marker, JSON.stringify({ rows: Object.values(rows).reduce((a, b) => a + b, 0), seconds }));
}
const generated = JSON.parse(fs.readFileSync(marker, "utf8")) as { rows: number; seconds: number };
const partitions = listPartitions(data);
report("generate", generated.rows / generated.seconds, "events/s", `${generated.rows.toLocaleString("en-US")} events in ${generated.seconds.toFixed(1)} s, when the data was made`);

// 2. ingest: the first month as a CSV export (made here, not timed), loaded into a fresh folder
fresh(runs);
if (!skip.has("ingest")) {
const csv = path.join(runs, "ingest.csv");
await withDatabase(defaultSettings(path.join(runs, "tmp")), (db) =>
  db.run(`COPY (SELECT strftime(event_time, '%Y-%m-%d %H:%M:%S UTC') AS event_time, ${EVENT_COLUMNS.slice(1).map((c) => c.name).join(", ")}
    FROM read_parquet([${partitions[0]!.files.map((f) => sqlString(f.path)).join(", ")}])) TO ${sqlString(csv)} (HEADER)`));
const ingest = worker({ step: "ingest", file: csv, out: fresh(path.join(runs, "ingested")), cache: path.join(runs, "tmp") });
report("ingest", ingest.bytes! / 1e6 / ingest.seconds!, "MB/s", `${(ingest.bytes! / 1e6).toFixed(0)} MB of CSV, ${ingest.rows!.toLocaleString("en-US")} rows in ${ingest.seconds!.toFixed(1)} s, peak ${ingest.peakRssMB} MB`);
report("ingest rows", ingest.rows! / ingest.seconds!, "rows/s");
report("ingest: the file's profile (source drift)", ingest.profileSeconds!, "s", `${((ingest.profileSeconds! / (ingest.seconds! - ingest.profileSeconds!)) * 100).toFixed(1)}% added to the rest of the ingest (target: at most 10%)`);
fs.rmSync(csv);
}

// 3. snapshots from scratch, then 4. again with nothing changed
const scratchCache = fresh(path.join(runs, "cache-scratch"));
const scratch = worker({ step: "snapshots", data, cache: scratchCache });
report("snapshots from scratch", scratch.seconds!, "s", `${generated.rows.toLocaleString("en-US")} events, ${Math.round(generated.rows / scratch.seconds!).toLocaleString("en-US")} events/s, peak ${scratch.peakRssMB} MB`);
report("snapshots peak memory", scratch.peakRssMB!, "MB");
report("comparisons' snapshots (period_metrics, period_comparisons)", scratch.comparisons!, "s", "part of the snapshots from scratch");
const unchanged = worker({ step: "snapshots", data, cache: scratchCache });
report("rebuild, no change", unchanged.seconds!, "s", "inside the process; node start adds about 0.3 s");
if (values.compare) {
  const project = checkout(values.compare);
  const before = worker({ step: "snapshots", data, cache: fresh(path.join(runs, "cache-compare")) }, {}, project);
  report(`snapshots from scratch at ${values.compare}`, before.seconds!, "s", `peak ${before.peakRssMB} MB`);
  report(`from scratch / at ${values.compare}`, scratch.seconds! / before.seconds!, "x");
}

// 5. adding the last month to the others (their rollups cached), against that month alone
let alone: Record<string, number> | undefined;
if (!skip.has("add")) {
const last = partitions.at(-1)!;
const others = path.join(runs, "others");
linkPartitions(others, partitions.slice(0, -1));
const addCache = fresh(path.join(runs, "cache-add"));
fs.cpSync(path.join(scratchCache, "rollups"), path.join(addCache, "rollups"), { recursive: true });
fs.rmSync(monthFolder(path.join(addCache, "rollups"), last.month), { recursive: true, force: true });
worker({ step: "snapshots", data: others, cache: addCache });
linkPartitions(path.join(runs, "all"), partitions);
const added = worker({ step: "snapshots", data: path.join(runs, "all"), cache: addCache });
linkPartitions(path.join(runs, "alone"), [last]);
alone = worker({ step: "snapshots", data: path.join(runs, "alone"), cache: fresh(path.join(runs, "cache-alone")) });
report("rebuild after adding a month", added.seconds!, "s", `month=${last.month}, ${added.monthsScanned} month scanned`);
report("that month alone", alone.seconds!, "s");
report("added month / month alone", added.seconds! / alone.seconds!, "x");
}

// 6. the naive baseline: the five snapshots as five full-scan queries, with the same memory limit, and
// when that is not enough, with 12 GB
const memoryLimit = process.env.CLICKSTREAM_MEMORY_LIMIT || "1200MB";
let naive: Record<string, number> | undefined;
for (const limit of skip.has("naive") ? [] : [memoryLimit, "12GB"]) {
  try {
    naive = worker({ step: "naive", data, cache: fresh(path.join(runs, "cache-naive")) }, { CLICKSTREAM_MEMORY_LIMIT: limit });
    report("naive five queries", naive.seconds!, "s", `memory limit ${limit}, peak ${naive.peakRssMB} MB`);
    report("naive / from scratch", naive.seconds! / scratch.seconds!, "x");
    break;
  } catch (error) {
    report("naive five queries", "failed", "", `memory limit ${limit}: ${reason(error)}`);
  }
}

// 7. the site build with the snapshots current: on these months, and on twice as many (the same events
// again, seven months later), which doubles the page data files
/** Runs `npm run build`'s script on data whose snapshots are current; returns seconds and its parts. */
function siteBuild(dataRoot: string, cache: string, dist: string, audiences?: Audience[]) {
  worker({ step: "snapshots", data: dataRoot, cache, audiences });
  const config = path.join(runs, "audiences.config.json");
  if (audiences) fs.writeFileSync(config, JSON.stringify({ ...JSON.parse(fs.readFileSync(configFile(), "utf8")), audiences }));
  const started = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "data-loaders/cli/build.ts")], {
    cwd: PROJECT_ROOT, encoding: "utf8",
    env: { ...process.env, CLICKSTREAM_DATA: dataRoot, CLICKSTREAM_CACHE: cache, CLICKSTREAM_DIST: dist, CLICKSTREAM_BUILD_WAIT: "600", ...(audiences ? { CLICKSTREAM_CONFIG: config } : {}) },
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`site build failed:\n${run.stderr.slice(-2000)}`);
  const part = (label: string) => Number(new RegExp(`${label} in ([\\d.]+) s`).exec(run.stderr)?.[1]);
  const files = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? files(path.join(dir, e.name)) : 1), 0);
  const api = /Data API written in ([\d.]+) s \((\d+) files, ([\d.]+) MB\)/.exec(run.stderr);
  const explore = /Drill-down data written in ([\d.]+) s \((.*)\)/.exec(run.stderr);
  return {
    seconds, pageData: part("Page data written"), framework: part("Pages built"), files: files(PAGE_DATA_DIR), digest: Number(/Digest \(([\d.]+) s\)/.exec(run.stderr)?.[1]),
    api: api ? `${api[1]} s, ${api[2]} files, ${api[3]} MB` : "n/a", explore: explore ? `${explore[1]} s, ${explore[2]}` : "n/a",
  };
}

/** The same partitions again, seven months later (event times shifted), next to them. */
async function twiceTheMonths(target: string): Promise<void> {
  const later = `${target}-later`;
  if (!fs.existsSync(path.join(later, "_bench.json"))) {
    fresh(later);
    await withDatabase(defaultSettings(path.join(runs, "tmp")), (db) => db.run(`COPY (
        SELECT * EXCLUDE (month) REPLACE (event_time + INTERVAL 7 MONTH AS event_time), strftime(event_time + INTERVAL 7 MONTH, '%Y-%m') AS month
        FROM read_parquet([${partitions.flatMap((p) => p.files.map((f) => sqlString(f.path))).join(", ")}], hive_partitioning = true)
      ) TO ${sqlString(later)} (${PARTITION_FORMAT}, PARTITION_BY (month), FILENAME_PATTERN 'later-{i}', OVERWRITE_OR_IGNORE)`));
    fs.writeFileSync(path.join(later, "_bench.json"), "{}");
  }
  linkPartitions(target, [...partitions, ...listPartitions(later)]);
}

const dist = path.join(runs, "dist");
const site = siteBuild(data, scratchCache, dist);
report("site build", site.seconds, "s", `snapshots current, ${partitions.length} months; page data ${site.pageData} s, Framework ${site.framework} s; ${site.files} page data files`);
report("data API (part of the site build)", site.api, "");
report("digest and alert rules (part of the site build)", site.digest, "s", "with the comparisons' snapshots, the time issue 14 adds to a build (target: at most 1 s at 100M)");
report("drill-down data (part of the site build)", site.explore, "");
if (!skip.has("double")) {
  const doubledData = path.join(root, `data-${events}-${seed}-x2`);
  await twiceTheMonths(doubledData);
  const doubled = siteBuild(doubledData, fresh(path.join(runs, "cache-x2")), path.join(runs, "dist-x2"));
  report("site build, twice the months", doubled.seconds, "s", `${partitions.length * 2} months; page data ${doubled.pageData} s, Framework ${doubled.framework} s; ${doubled.files} page data files`);
  report("site build: twice the months costs", doubled.seconds - site.seconds, "s more");
}

// 8. five audiences of about a tenth of the events each (brands taken by size until each holds a tenth
// of the first month's events): snapshots from scratch, the site build, and adding the last month
if (!skip.has("audiences")) {
  const picked = await tenthAudiences(partitions[0]!, 5);
  const audiences = picked.map(({ share: _, ...audience }) => audience);
  const audienceCache = fresh(path.join(runs, "cache-audiences"));
  const withAudiences = worker({ step: "snapshots", data, cache: audienceCache, audiences });
  report("snapshots from scratch, 5 audiences", withAudiences.seconds!, "s", `${withAudiences.audienceSeconds!.toFixed(1)} s of it for the audiences (${picked.map((a) => `${a.name}: ${a.share}`).join(", ")} of the first month's events)`);
  // against the whole shop's part of the same process: the two halves of one measurement, whatever else
  // the machine did between the steps
  const shopPart = withAudiences.seconds! - withAudiences.audienceSeconds!;
  report("snapshots from scratch: with audiences / without", withAudiences.seconds! / shopPart, "x", `the whole shop's part of the same build: ${shopPart.toFixed(1)} s`);
  const audienceSite = siteBuild(data, audienceCache, path.join(runs, "dist-audiences"), audiences);
  report("site build, 5 audiences", audienceSite.seconds, "s", `snapshots current; Framework ${audienceSite.framework} s for the whole shop's (each audience's is printed apart)`);
  report("build from scratch (snapshots and sites): with audiences / without", (withAudiences.seconds! + audienceSite.seconds) / (shopPart + site.seconds), "x", "target: at most 1.5");
  if (!skip.has("add")) {
    const last = partitions.at(-1)!;
    const addCache = fresh(path.join(runs, "cache-add-audiences"));
    // every month's rollups but the last one's (the whole shop's and each audience's) are cached
    const rollupFolders = ["rollups", ...audiences.map((a) => path.join("audiences", a.name, "rollups"))];
    for (const folder of rollupFolders) {
      fs.cpSync(path.join(audienceCache, folder), path.join(addCache, folder), { recursive: true });
      fs.rmSync(monthFolder(path.join(addCache, folder), last.month), { recursive: true, force: true });
    }
    worker({ step: "snapshots", data: path.join(runs, "others"), cache: addCache, audiences });
    const added = worker({ step: "snapshots", data: path.join(runs, "all"), cache: addCache, audiences });
    report("rebuild after adding a month, 5 audiences", added.seconds!, "s", `${added.audienceSeconds!.toFixed(1)} s of it for the audiences; the month read ${added.audienceMonthsRead} time for all of them`);
    report("added month with audiences / that month alone without", added.seconds! / alone!.seconds!, "x", "target: at most 1.5");
  }
}

// 9. what each page loads, in Chromium
const addresses = [...PAGES.map((p) => `${pageFile(p)}.html`), `products.html?month=${partitions.at(-1)!.month}`];
try {
  for (const w of skip.has("pages") ? [] : await measurePages(dist, addresses)) {
    report(`page ${w.page}`, w.dataBytesGzip / 1024, "KB data (gzip)", `${w.dataFiles} files, ${(w.dataBytes / 1024).toFixed(0)} KB raw, charts in ${w.chartsMs} ms`);
  }
} catch (error) {
  report("page weights", "n/a", "", `no browser: ${(error as Error).message.split("\n")[0]}`);
}

if (!values.json) {
  console.log("\n| measure | value | unit | note |\n|---|---|---|---|");
  for (const r of results) console.log(`| ${r.metric} | ${typeof r.value === "number" ? r.value.toLocaleString("en-US") : r.value} | ${r.unit} | ${r.note ?? ""} |`);
}
