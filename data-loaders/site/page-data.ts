// Page data: every file the site's pages read, written once per build into src/data/ (not in git), where
// Observable Framework finds them as static files. No data loader runs while Framework builds: the build
// writes all of it here in one pass from the snapshots it has just checked, so the site build does not
// grow with the number of files.
//
//   src/data/<snapshot>.json              every row of a snapshot (those small enough to have JSON)
//   src/data/<snapshot>.parquet           the complete snapshot, for download
//   src/data/<snapshot>.csv               the same as CSV, for the lists people open in a spreadsheet
//   src/data/<snapshot>_by_<column>/<n>.parquet  the rows of one value of a column (customers by segment)
//   src/data/<snapshot>/<period>.json     a snapshot with a month column, one file per period ('all' and
//                                         each month), without the month column, named by
//                                         src/data/<snapshot>/periods.js: what a page showing one period loads
//   src/data/brand-list.json              [brand, shard, label] of every brand with a purchase, best first
//                                         (label: its display name in reference/brands.csv, else itself)
//   src/data/brand-top.json               the daily series of the brands shown first
//   src/data/brand-shards/<shard>.json    the daily series of every brand, by shard (brand_series.shard)
//   src/data/build.json                   when and from what the site was built
//   src/data/provenance.json              the partitions and ingested files behind it
//   src/data/definitions.json             the documentation in each snapshot's SQL header
//   src/data/comparisons/<grain>.json     period_comparisons of one grain (day, week, month): what the cards show
//   src/data/calendar.json                reference/calendar.csv, checked: the charts' annotations
//   src/data/reference-history.json       each reference file's fingerprint and since when builds have seen it
//   src/data/digest.json                  the build's digest: headline changes, alert rules with their
//                                         history, source drift (data-loaders/alerts/digest.ts)
//   src/data/brand-shards.js, downloads.js  modules that name the shard and download files for the pages
//                                         (Framework needs a literal FileAttachment per file)
//
// The snapshot files are hard links to the snapshot cache (copies where it is on another disk): the
// snapshot build has already split them by period, so writing the page data costs little.
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath } from "../shared/atomic.ts";
import type { Digest } from "../alerts/digest.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { audienceDescription } from "../audiences/audience.ts";
import { readCalendar } from "./calendar.ts";
import { cacheDir } from "../shared/config.ts";
import { referenceHistory } from "../snapshots/reference-data.ts";
import { parseSqlDoc, PROJECT_ROOT, SQL_DIR } from "../shared/sql-files.ts";
import { readManifest } from "../ingest/manifest.ts";
import { DemoMarkerSchema, DEMO_MARKER } from "../demo/demo-data.ts";
import { MAIN_SNAPSHOTS, snapshotFiles, type SnapshotBuild } from "../snapshots/snapshots.ts";

export const PAGE_DATA_DIR = path.join(PROJECT_ROOT, "src", "data");
/** How many brands the trends page shows (and loads) before the reader picks any. */
const TOP_BRANDS = 8;

type Row = Record<string, unknown>;

/** The site-wide facts every page reads: when, from what, which months, first and last event. */
export interface BuildInfo {
  builtAt: string;
  snapshotsBuiltAt: string;
  demo: boolean;
  months: string[];
  /** first and last event (UTC): every time axis ends at the last one's day (src/components/periods.js) */
  firstEvent: string | null;
  lastEvent: string | null;
  events: number;
  dataFingerprint: string;
  warnings: string[];
  /** the audience whose site this is (null: the whole shop's) */
  audience: { name: string; title: string; description: string } | null;
}

interface BrandSeriesRow {
  brand: string;
  label: string;
  rank: number;
  shard: number;
  origin: string;
  days: number[];
  purchases: number[];
  revenue: number[];
}

class PageData {
  constructor(
    private readonly dir: string,
    private readonly build: SnapshotBuild,
  ) {}

  write(name: string, value: unknown): void {
    const file = path.join(this.dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value));
  }

  /** A snapshot's rows (only snapshots small enough to have JSON are read by pages). */
  rows<T = Row>(name: string): T[] {
    const file = path.join(this.build.dir, `${name}.json`);
    if (!fs.existsSync(file)) throw new Error(`snapshot ${name} has no JSON (it has more rows than a page can load)`);
    return JSON.parse(fs.readFileSync(file, "utf8")) as T[];
  }
}

/** A hard link to a cached file (a copy when the cache is on another disk). */
function linkOrCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/**
 * Each snapshot's JSON and Parquet, the period files of those with a month column and the parts of those
 * split for download; returns the downloads: [name, file] for each snapshot, [`name:value`, file] for
 * each part, [`name.csv`, file] for a CSV.
 */
function writeSnapshots(data: PageData, build: SnapshotBuild, dir: string): [string, string][] {
  const downloads: [string, string][] = [];
  for (const { name } of build.snapshots) {
    for (const file of [`${name}.parquet`, `${name}.json`, `${name}.csv`]) if (fs.existsSync(path.join(build.dir, file))) linkOrCopy(path.join(build.dir, file), path.join(dir, file));
    downloads.push([name, `./${name}.parquet`]);
    if (fs.existsSync(path.join(build.dir, `${name}.csv`))) downloads.push([`${name}.csv`, `./${name}.csv`]);
    for (const split of fs.readdirSync(build.dir).filter((f) => f.startsWith(`${name}_by_`))) {
      fs.mkdirSync(path.join(dir, split));
      const values = JSON.parse(fs.readFileSync(path.join(build.dir, split, "_values.json"), "utf8")) as string[];
      for (const [i, value] of values.entries()) {
        linkOrCopy(path.join(build.dir, split, `${i}.parquet`), path.join(dir, split, `${i}.parquet`));
        downloads.push([`${name}:${value}`, `./${split}/${i}.parquet`]);
      }
    }
    const periods = path.join(build.dir, name);
    if (!fs.existsSync(periods)) continue;
    fs.mkdirSync(path.join(dir, name));
    const files = fs.readdirSync(periods).sort();
    for (const file of files) linkOrCopy(path.join(periods, file), path.join(dir, name, file));
    data.write(`${name}/periods.js`, attachmentsModule("PERIODS", `${name} by period ('all' and each month), without the month column`,
      files.map((file) => [path.basename(file, ".json"), `./${file}`])));
  }
  return downloads;
}

/** The brand trends page's files: the brand list, the top brands' series and every brand's by shard. */
function writeBrandSeries(data: PageData): void {
  const series = data.rows<BrandSeriesRow>("brand_series");
  const compact = ({ brand, days, purchases, revenue }: BrandSeriesRow) => ({ brand, day: days, purchases, revenue });
  const origin = series[0]?.origin ?? null;
  data.write("brand-list.json", series.map((s) => [s.brand, s.shard, s.label]));
  data.write("brand-top.json", { origin, series: series.filter((s) => s.rank <= TOP_BRANDS).map(compact) });
  const shards = new Map<number, BrandSeriesRow[]>();
  for (const s of series) shards.set(s.shard, [...(shards.get(s.shard) ?? []), s]);
  for (const [shard, members] of shards) data.write(`brand-shards/${shard}.json`, { origin, series: members.map(compact) });
  data.write("brand-shards.js", attachmentsModule("BRAND_SHARDS", "the daily series of every brand, by shard (brand_series.shard)",
    [...shards.keys()].sort((a, b) => a - b).map((shard) => [shard, `./brand-shards/${shard}.json`])));
}

/**
 * A module that names files for the pages, `export const <name> = new Map([[key, FileAttachment(file)], ...])`:
 * Framework finds the files a page needs only through literal FileAttachment calls. With `href`, the map
 * holds each file's address instead (a file only linked to, never read by the page: a Parquet file read
 * in the page would pull a Parquet reader from a CDN).
 */
function attachmentsModule(name: string, about: string, files: [string | number, string][], { href = false } = {}): string {
  const entries = files.map(([key, file]) => `  [${JSON.stringify(key)}, FileAttachment(${JSON.stringify(file)})${href ? ".href" : ""}]`);
  return `// Written by npm run build (data-loaders/site/page-data.ts); not in git.
import {FileAttachment} from "observablehq:stdlib";

// ${about}
export const ${name} = new Map([
${entries.join(",\n")}
]);
`;
}

function buildInfo(data: PageData, build: SnapshotBuild, digest: Digest): BuildInfo {
  const [all] = data.rows<{ first_time: string; last_time: string; events: number }>("overview");
  return {
    builtAt: digest.builtAt,
    snapshotsBuiltAt: build.builtAt,
    demo: build.demo,
    months: build.months.map((m) => m.month),
    firstEvent: all?.first_time ?? null,
    lastEvent: all?.last_time ?? null,
    events: all?.events ?? 0,
    dataFingerprint: build.key,
    warnings: build.warnings,
    audience: build.audience ? { name: build.audience.name, title: digest.title, description: audienceDescription(build.audience) } : null,
  };
}

/** Where the data comes from; for an audience only its months: the files' sizes and rows are the whole shop's. */
function provenance(build: SnapshotBuild) {
  if (build.audience) return { audience: audienceDescription(build.audience), demo: null, partitions: build.months.map(({ month }) => ({ month })), ingested: [] };
  const marker = path.join(build.dataRoot, DEMO_MARKER);
  return {
    audience: null,
    demo: build.demo && fs.existsSync(marker) ? readJsonFile(marker, DemoMarkerSchema, "demo marker") : null,
    partitions: build.months.map(({ month, files, bytes, fingerprint }) => ({ month, files, bytes, fingerprint })),
    ingested: Object.values(readManifest(build.dataRoot).files).map(({ file, ...entry }) => ({ ...entry, file: path.basename(file) })),
  };
}

/** The documentation in the header of every snapshot's SQL: the main snapshots first, then by name. */
function definitions() {
  const order = (name: string) => (MAIN_SNAPSHOTS.includes(name) ? MAIN_SNAPSHOTS.indexOf(name) : MAIN_SNAPSHOTS.length);
  const files = snapshotFiles().sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
  return files.map((file) => ({ name: file.name, main: MAIN_SNAPSHOTS.includes(file.name), file: path.relative(path.dirname(SQL_DIR), file.file), ...parseSqlDoc(file.sql) }));
}

/** Writes the page data of a snapshot build and its digest into `dir` (replacing what was there, all at once). */
export function writePageData(build: SnapshotBuild, digest: Digest, dir = PAGE_DATA_DIR): BuildInfo {
  const staging = stagingPath(dir);
  fs.mkdirSync(staging, { recursive: true });
  try {
    const data = new PageData(staging, build);
    const downloads = writeSnapshots(data, build, staging);
    writeBrandSeries(data);
    const info = buildInfo(data, build, digest);
    data.write("build.json", info);
    data.write("provenance.json", provenance(build));
    data.write("definitions.json", definitions());
    data.write("digest.json", digest);
    data.write("calendar.json", readCalendar());
    // the history is of the whole files' fingerprints: an audience's site has its entries' own (sql/audiences/)
    data.write("reference-history.json", build.audience ? [] : referenceHistory(cacheDir()));
    const comparisons = data.rows<{ grain: string }>("period_comparisons");
    for (const grain of ["day", "week", "month"]) data.write(`comparisons/${grain}.json`, comparisons.filter((c) => c.grain === grain));
    data.write("downloads.js", attachmentsModule("DOWNLOADS", "the address of every snapshot as Parquet, by name (and name:value for a part)", downloads, { href: true }));
    replaceFolder(dir, staging);
    return info;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
