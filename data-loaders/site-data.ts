// What the site's data loaders (src/data/) print: snapshots, their monthly slices, the brand shards, a
// summary of the build and the metric definitions. Every function first makes sure the snapshots are
// current (usually a quick check that nothing changed), so the site never shows stale numbers.
import JSZip from "jszip";
import fs from "node:fs";
import path from "node:path";
import { cacheDir } from "./config.ts";
import { resolveData } from "./demo.ts";
import { defaultSettings, withDatabase } from "./duckdb.ts";
import { readManifest } from "./ingest.ts";
import { parseSqlDoc, readSql, SQL_DIR, sqlString } from "./sql-files.ts";
import { buildSnapshots, snapshotFiles, type SnapshotBuild } from "./snapshots.ts";

let current: Promise<SnapshotBuild> | undefined;

/** The current snapshots, built or reused, once per process. */
export function currentSnapshots(): Promise<SnapshotBuild> {
  current ??= (async () => {
    const settings = defaultSettings(cacheDir());
    // quiet unless something has to be generated or built: loaders run many times per site build
    const source = await resolveData(settings, () => {});
    return buildSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, log: console.error });
  })();
  return current;
}

function snapshotPath(build: SnapshotBuild, name: string, format: "json" | "parquet"): string {
  if (!build.snapshots.some((s) => s.name === name)) {
    throw new Error(`no snapshot named ${name}: add sql/${name}.sql (known: ${build.snapshots.map((s) => s.name).join(", ")})`);
  }
  return path.join(build.dir, `${name}.${format}`);
}

/** A snapshot as JSON text; a large one (kept as Parquet only) is converted on the way. */
async function snapshotJson(name: string): Promise<Buffer> {
  const build = await currentSnapshots();
  const json = snapshotPath(build, name, "json");
  if (fs.existsSync(json)) return fs.readFileSync(json);
  const converted = path.join(fs.mkdtempSync(path.join(cacheDir(), "json-")), `${name}.json`);
  try {
    await withDatabase(defaultSettings(cacheDir()), (db) =>
      db.run(`COPY (FROM read_parquet(${sqlString(snapshotPath(build, name, "parquet"))})) TO ${sqlString(converted)} (FORMAT json, ARRAY true)`));
    return fs.readFileSync(converted);
  } finally {
    fs.rmSync(path.dirname(converted), { recursive: true, force: true });
  }
}

export async function snapshotRows<T = Record<string, unknown>>(name: string): Promise<T[]> {
  return JSON.parse((await snapshotJson(name)).toString("utf8")) as T[];
}

export async function snapshotBytes(name: string, format: "json" | "parquet"): Promise<Buffer> {
  return format === "json" ? snapshotJson(name) : fs.readFileSync(snapshotPath(await currentSnapshots(), name, format));
}

/** A zip archive holding one JSON file per key: the site extracts the members its pages use. */
async function archive(members: Map<string, unknown>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, value] of members) zip.file(name, JSON.stringify(value));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A snapshot with a month column as <month>.json files ('all' too), without the month column. */
export async function monthArchive(name: string): Promise<Buffer> {
  const rows = await snapshotRows<Record<string, unknown>>(name);
  if (rows.length > 0 && !("month" in rows[0]!)) throw new Error(`snapshot ${name} has no month column`);
  const months = new Map<string, unknown[]>((await periods()).map((p) => [`${p}.json`, []]));
  for (const { month, ...rest } of rows) months.get(`${month}.json`)?.push(rest);
  return archive(months);
}

/** The periods a monthly page is built for: 'all' and every month of the data. */
export async function periods(): Promise<string[]> {
  return ["all", ...(await currentSnapshots()).months.map((m) => m.month)];
}

export interface BrandSeries {
  brand: string;
  /** days with a purchase, as days after the origin of the file */
  day: number[];
  purchases: number[];
  revenue: number[];
}

/** Brand series in a compact form: days counted from `origin` (YYYY-MM-DD). */
export interface BrandSeriesFile {
  origin: string;
  series: BrandSeries[];
}

const DAY_MS = 86_400_000;

/** Every brand's daily series, with the origin (first day of the data) the day numbers count from. */
async function brandSeries(): Promise<{ origin: string; series: Map<string, BrandSeries> }> {
  const origin = `${(await currentSnapshots()).months[0]!.month}-01`;
  const start = Date.parse(`${origin}T00:00:00Z`);
  const series = new Map<string, BrandSeries>();
  for (const row of await snapshotRows<{ brand: string; day: string; purchases: number; revenue: number }>("brand_daily")) {
    let s = series.get(row.brand);
    if (!s) series.set(row.brand, (s = { brand: row.brand, day: [], purchases: [], revenue: [] }));
    s.day.push(Math.round((Date.parse(`${row.day}T00:00:00Z`) - start) / DAY_MS));
    s.purchases.push(row.purchases);
    s.revenue.push(row.revenue);
  }
  return { origin, series };
}

/** How many shards brand_shard() in sql/macros.sql spreads the brands over. */
export function brandShardCount(): number {
  const match = /brand_shard\(brand\) AS \(hash\(brand\) % (\d+)\)/.exec(readSql("macros"));
  if (!match) throw new Error("sql/macros.sql defines no brand_shard(brand) AS (hash(brand) % N)");
  return Number(match[1]);
}

/** The brands with a purchase for the picker, best first: [brand, shard] pairs (the rank is the order). */
export async function brandList(): Promise<[string, number][]> {
  return (await snapshotRows<{ brand: string; shard: number }>("brand_index")).map((b) => [b.brand, b.shard]);
}

/** The series of the brands shown before the reader picks any: the top ones by revenue. */
export async function topBrandSeries(count = 8): Promise<BrandSeriesFile> {
  const { origin, series } = await brandSeries();
  const top = (await brandList()).slice(0, count).map(([brand]) => series.get(brand)!);
  return { origin, series: top };
}

/** Every brand's series, as <shard>.json members of a zip (shard from brand_index). */
export async function brandShardArchive(): Promise<Buffer> {
  const { origin, series } = await brandSeries();
  const shards = new Map<string, BrandSeriesFile>(Array.from({ length: brandShardCount() }, (_, i) => [`${i}.json`, { origin, series: [] }]));
  for (const [brand, shard] of await brandList()) shards.get(`${shard}.json`)!.series.push(series.get(brand)!);
  return archive(shards);
}

/** When and from what the site was built. */
export async function buildInfo() {
  const build = await currentSnapshots();
  const [all] = await snapshotRows<{ first_time: string; last_time: string; events: number }>("overview");
  return {
    builtAt: new Date().toISOString(),
    snapshotsBuiltAt: build.builtAt,
    demo: build.demo,
    months: build.months.map((m) => m.month),
    firstEvent: all?.first_time ?? null,
    lastEvent: all?.last_time ?? null,
    events: all?.events ?? 0,
    dataFingerprint: build.key,
    warnings: build.warnings,
  };
}

/** Where the data came from: each partition file, and the ingested files of the manifest. */
export async function provenance() {
  const build = await currentSnapshots();
  const demo = path.join(build.dataRoot, "_demo.json");
  return {
    demo: build.demo && fs.existsSync(demo) ? (JSON.parse(fs.readFileSync(demo, "utf8")) as { events: number; seed: number }) : null,
    partitions: build.months.map(({ month, files, bytes, fingerprint }) => ({ month, files, bytes, fingerprint })),
    ingested: Object.values(readManifest(build.dataRoot).files).map(({ file, ...entry }) => ({ ...entry, file: path.basename(file) })),
  };
}

/** The five main reports come first on the definitions page; the others follow by name. */
const MAIN_SNAPSHOTS = ["funnel", "products", "abandonment", "sessions", "brand_daily"];

/** The documentation in the header of every snapshot's SQL, for the definitions page. */
export function definitions() {
  const order = (name: string) => (MAIN_SNAPSHOTS.includes(name) ? MAIN_SNAPSHOTS.indexOf(name) : MAIN_SNAPSHOTS.length);
  const files = snapshotFiles().sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name));
  return files.map((file) => ({
    name: file.name,
    file: path.relative(path.dirname(SQL_DIR), file.file),
    ...parseSqlDoc(file.sql),
  }));
}
