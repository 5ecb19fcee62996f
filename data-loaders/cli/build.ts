// npm run build: snapshots (incremental), the page data, then the Observable Framework site into a
// staging folder, checked, then swapped in place of dist/. A failed build leaves the previous dist/ as it
// was. With audiences in the configuration, the same for each audience's events alone, into
// dist/audiences/<name>/, swapped in with the rest: each audience's pages built from a copy of src/ with its
// own page data, Framework running on as many sites at once as there are cores.
//
// CLICKSTREAM_DIST names another output folder; CLICKSTREAM_BUILD_WAIT=<seconds> waits for a build that
// is already running instead of refusing at once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { replaceFolder, stagingPath, writeFileAtomic } from "../shared/atomic.ts";
import { digestMarkdown, digestOfBuild, digestSummary, type Digest } from "../alerts/digest.ts";
import { feedEntries, feedXml, lastDigestPath, saveFeedEntries } from "../alerts/feed.ts";
import { cacheDir, loadConfig } from "../shared/config.ts";
import { resolveData } from "../demo/demo-data.ts";
import { defaultSettings, type DuckDBSettings } from "../shared/duckdb.ts";
import { eachAtOnce } from "../shared/each-at-once.ts";
import { acquireLock } from "../shared/lock.ts";
import { writeDataApi } from "../site/data-api.ts";
import { writeExplore } from "../site/explore.ts";
import { buildSite, copySiteRoot, SITE_ROOT } from "../site/framework.ts";
import { writePageData, type BuildInfo } from "../site/page-data.ts";
import { audienceCacheDir, buildSnapshots, GateError, type SnapshotBuild } from "../snapshots/snapshots.ts";
import { buildAudienceSnapshots } from "../audiences/audience-snapshots.ts";
import { PROJECT_ROOT } from "../shared/sql-files.ts";

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
/** Where the audiences' copies of src/ are while a build runs (inside the project: Framework finds node_modules from them). */
const SITE_ROOTS = path.join(PROJECT_ROOT, ".site-roots");

/** One site of a build: the whole shop's, or an audience's. */
interface Site {
  build: SnapshotBuild;
  digest: Digest;
  /** its staging folder */
  output: string;
  /** the pages' folder Framework builds it from (src/, or a copy with the audience's page data) */
  root: string;
  /** where its feed's entries are kept */
  feedCache: string;
  siteUrl: string | null;
  /** what its log lines begin with */
  what: string;
}

async function main(): Promise<void> {
  const started = performance.now();
  const dist = path.resolve(PROJECT_ROOT, process.env.CLICKSTREAM_DIST || "dist");
  // one build per checkout at a time: builds share src/data and Framework's cache in src/.observablehq
  const release = await acquireLock(path.join(PROJECT_ROOT, "src", ".observablehq", "build.lock"), "site build", Number(process.env.CLICKSTREAM_BUILD_WAIT) || 0);
  // a build that was killed may have left its staging folder and site roots; with the lock held, none is in use
  const leftovers = fs.existsSync(path.dirname(dist)) ? fs.readdirSync(path.dirname(dist)).filter((name) => name.startsWith(`.${path.basename(dist)}.staging-`)) : [];
  for (const name of leftovers) fs.rmSync(path.join(path.dirname(dist), name), { recursive: true, force: true });
  fs.rmSync(SITE_ROOTS, { recursive: true, force: true });
  const staging = stagingPath(dist);
  fs.rmSync(lastDigestPath(cacheDir()), { force: true });
  try {
    const config = loadConfig();
    const settings = defaultSettings(cacheDir());
    const source = await resolveData(settings);
    const build = await buildSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, config, log: console.error });
    console.error(
      build.reused
        ? `Snapshots are current (${build.months.length} months, nothing changed).`
        : `Snapshots built in ${build.seconds.toFixed(1)} s (${build.months.filter((m) => !m.reused).length} of ${build.months.length} months scanned), peak memory ${build.peakRssMB} MB.`,
    );
    for (const warning of build.warnings) console.error(`Warning: ${warning}`);
    const [cover] = JSON.parse(fs.readFileSync(path.join(build.dir, "recommendation_summary.json"), "utf8")) as { buyers: number; capped_buyers: number; max_products_per_user: number }[];
    if (cover) console.error(`Recommendations: ${cover.capped_buyers} of ${cover.buyers} buyers bought more than ${cover.max_products_per_user} distinct products and are left out of also_bought's pairs.`);

    // the digest: alerts that block (the whole shop's) stop the build here, before anything is written
    const builtAt = new Date().toISOString();
    const digestStarted = performance.now();
    const digest = digestOfBuild(build, config, builtAt);
    writeFileAtomic(lastDigestPath(cacheDir()), digestMarkdown(digest));
    console.error(`Digest (${((performance.now() - digestStarted) / 1000).toFixed(3)} s): ${digestSummary(digest)}.`);
    for (const a of digest.alerts.filter((a) => a.current?.status === "fired")) console.error(`${a.severity === "block" ? "BLOCKING alert" : "Alert"} "${a.name}": ${a.message}.`);
    for (const d of digest.drift) console.error(`Source drift (${d.check}) in ${d.file}: ${d.message}.`);
    if (digest.blocking.length) throw new GateError(digest.blocking.map((name) => `alert rule "${name}" fires and its severity is block`));

    const audiences = await buildAudienceSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, config, log: console.error }, config.audiences);
    const audienceDigests = audiences.builds.map(({ audience, build: b }) => {
      const audienceDigest = digestOfBuild(b, config, builtAt);
      console.error(`Audience ${audience.name}: snapshots ${b.reused ? "current" : `built in ${b.seconds.toFixed(1)} s`}; digest: ${digestSummary(audienceDigest)}.`);
      return audienceDigest;
    });

    // every site's page data (the whole shop's in src/data/, each audience's in a copy of src/), then
    // Framework on the sites, as many at once as there are cores (it uses one), then each site's data API
    // and drill-down data (DuckDB, which uses every core: one site at a time)
    const sites: Site[] = audiences.builds.map(({ audience, build: b }, i) => ({
      build: b, digest: audienceDigests[i]!, output: `${staging}-audience-${audience.name}`, root: copySiteRoot(path.join(SITE_ROOTS, audience.name)),
      feedCache: audienceCacheDir(cacheDir(), audience), siteUrl: audience.siteUrl ?? null, what: `audience ${audience.name}: `,
    }));
    sites.push({ build, digest, output: staging, root: SITE_ROOT, feedCache: cacheDir(), siteUrl: config.siteUrl, what: "" });
    const pageData = sites.map((site) => writePages(site));
    await eachAtOnce(sites, os.availableParallelism(), (site) => buildPages(site));
    const feeds: (() => void)[] = [];
    for (const [i, site] of sites.entries()) feeds.push(await writeFiles(site, pageData[i]!, settings));
    for (const [i, { audience }] of audiences.builds.entries()) {
      fs.mkdirSync(path.join(staging, "audiences"), { recursive: true });
      fs.renameSync(sites[i]!.output, path.join(staging, "audiences", audience.name));
    }

    replaceFolder(dist, staging);
    for (const save of feeds) save();
    console.error(`Site written to ${path.relative(process.cwd(), dist) || "."}/ in ${seconds(started)} s${source.demo ? " (DEMO data)" : ""}.`);
  } finally {
    for (const name of fs.readdirSync(path.dirname(staging)).filter((n) => n.startsWith(path.basename(staging)))) fs.rmSync(path.join(path.dirname(staging), name), { recursive: true, force: true });
    fs.rmSync(SITE_ROOTS, { recursive: true, force: true });
    release();
  }
}

/** A site's page data, into its pages' folder. */
function writePages(site: Site): BuildInfo {
  const started = performance.now();
  const info = writePageData(site.build, site.digest, path.join(site.root, "data"));
  console.error(`${site.what}Page data written in ${seconds(started)} s.`);
  return info;
}

/** A site's pages, by Framework, into its staging folder. */
async function buildPages(site: Site): Promise<void> {
  const started = performance.now();
  await buildSite(site.output, site.digest.title, site.root);
  console.error(`${site.what}Pages built in ${seconds(started)} s.`);
}

/** The rest of a site: the data API, the drill-down data, the digest and the feed. Returns what records the feed's entry once the site is published. */
async function writeFiles(site: Site, info: BuildInfo, settings: DuckDBSettings): Promise<() => void> {
  const { build, digest, output, what } = site;
  const apiStarted = performance.now();
  const api = await writeDataApi(build, info, output, settings);
  console.error(`${what}Data API written in ${seconds(apiStarted)} s (${api.files} files, ${(api.bytes / 1e6).toFixed(1)} MB).`);
  const exploreStarted = performance.now();
  const explore = await writeExplore(build, output, settings);
  console.error(`${what}Drill-down data written in ${seconds(exploreStarted)} s (${explore.files} files, ${(explore.bytes / 1e6).toFixed(1)} MB, largest ${(explore.largestFile / 1e3).toFixed(0)} KB, ${(explore.largestGzip / 1e3).toFixed(0)} KB gzip; shards.json ${(explore.shardsGzip / 1e3).toFixed(1)} KB, search.json ${(explore.searchGzip / 1e3).toFixed(0)} KB gzip).`);
  const entries = feedEntries(site.feedCache, digest);
  fs.writeFileSync(path.join(output, "digest.json"), JSON.stringify(digest, null, 1));
  fs.writeFileSync(path.join(output, "digest.md"), digestMarkdown(digest));
  fs.writeFileSync(path.join(output, "feed.xml"), feedXml(entries, digest.title, site.siteUrl));
  return () => saveFeedEntries(site.feedCache, entries);
}

try {
  await main();
} catch (error) {
  console.error(`\nBuild failed: ${(error as Error).message}\nThe previous site (if any) is unchanged.`);
  process.exitCode = 1;
}
