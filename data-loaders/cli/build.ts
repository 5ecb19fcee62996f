// npm run build: snapshots (incremental), the page data, then the Observable Framework site into a
// staging folder, checked, then swapped in place of dist/. A failed build leaves the previous dist/ as it
// was. With audiences in the configuration, the same for each audience's events alone, into
// dist/audiences/<name>/, swapped in with the rest.
//
// CLICKSTREAM_DIST names another output folder; CLICKSTREAM_BUILD_WAIT=<seconds> waits for a build that
// is already running instead of refusing at once.
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath, writeFileAtomic } from "../shared/atomic.ts";
import { digestMarkdown, digestOfBuild, digestSummary, type Digest } from "../alerts/digest.ts";
import { feedEntries, feedXml, lastDigestPath, saveFeedEntries } from "../alerts/feed.ts";
import { cacheDir, loadConfig } from "../shared/config.ts";
import { resolveData } from "../demo/demo-data.ts";
import { defaultSettings, type DuckDBSettings } from "../shared/duckdb.ts";
import { acquireLock } from "../shared/lock.ts";
import { writeDataApi } from "../site/data-api.ts";
import { writeExplore } from "../site/explore.ts";
import { buildSite } from "../site/framework.ts";
import { writePageData } from "../site/page-data.ts";
import { audienceCacheDir, buildSnapshots, GateError, type SnapshotBuild } from "../snapshots/snapshots.ts";
import { buildAudienceSnapshots } from "../audiences/audience-snapshots.ts";
import { PROJECT_ROOT } from "../shared/sql-files.ts";

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function main(): Promise<void> {
  const started = performance.now();
  const dist = path.resolve(PROJECT_ROOT, process.env.CLICKSTREAM_DIST || "dist");
  // one build per checkout at a time: builds share src/data and Framework's cache in src/.observablehq
  const release = await acquireLock(path.join(PROJECT_ROOT, "src", ".observablehq", "build.lock"), "site build", Number(process.env.CLICKSTREAM_BUILD_WAIT) || 0);
  // a build that was killed may have left its staging folder; with the lock held, none is in use
  const leftovers = fs.existsSync(path.dirname(dist)) ? fs.readdirSync(path.dirname(dist)).filter((name) => name.startsWith(`.${path.basename(dist)}.staging-`)) : [];
  for (const name of leftovers) fs.rmSync(path.join(path.dirname(dist), name), { recursive: true, force: true });
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

    // each audience's site first, in a staging folder of its own (Framework empties the folder it builds
    // into); the whole shop's last, so that src/data/ ends with the whole shop's page data
    const feeds: (() => void)[] = [];
    const audienceSites: [string, string][] = [];
    for (const [i, { audience, build: b }] of audiences.builds.entries()) {
      const output = `${staging}-audience-${audience.name}`;
      audienceSites.push([audience.name, output]);
      feeds.push(await writeSite(b, audienceDigests[i]!, output, settings, audienceCacheDir(cacheDir(), audience), audience.siteUrl ?? null, `audience ${audience.name}: `));
    }
    feeds.push(await writeSite(build, digest, staging, settings, cacheDir(), config.siteUrl));
    for (const [name, output] of audienceSites) {
      fs.mkdirSync(path.join(staging, "audiences"), { recursive: true });
      fs.renameSync(output, path.join(staging, "audiences", name));
    }

    replaceFolder(dist, staging);
    for (const save of feeds) save();
    console.error(`Site written to ${path.relative(process.cwd(), dist) || "."}/ in ${seconds(started)} s${source.demo ? " (DEMO data)" : ""}.`);
  } finally {
    for (const name of fs.readdirSync(path.dirname(staging)).filter((n) => n.startsWith(path.basename(staging)))) fs.rmSync(path.join(path.dirname(staging), name), { recursive: true, force: true });
    release();
  }
}

/**
 * One site into `output`: page data, Framework's pages, the data API, the drill-down data, the digest and
 * the feed. Returns what records the feed's entry once the site is published.
 */
async function writeSite(build: SnapshotBuild, digest: Digest, output: string, settings: DuckDBSettings, feedCache: string, siteUrl: string | null, what = ""): Promise<() => void> {
  const pageDataStarted = performance.now();
  const info = writePageData(build, digest);
  console.error(`${what}Page data written in ${seconds(pageDataStarted)} s.`);
  const siteStarted = performance.now();
  await buildSite(output, digest.title);
  console.error(`${what}Pages built in ${seconds(siteStarted)} s.`);
  const apiStarted = performance.now();
  const api = await writeDataApi(build, info, output, settings);
  console.error(`${what}Data API written in ${seconds(apiStarted)} s (${api.files} files, ${(api.bytes / 1e6).toFixed(1)} MB).`);
  const exploreStarted = performance.now();
  const explore = await writeExplore(build, output, settings);
  console.error(`${what}Drill-down data written in ${seconds(exploreStarted)} s (${explore.files} files, ${(explore.bytes / 1e6).toFixed(1)} MB, largest ${(explore.largestFile / 1e3).toFixed(0)} KB, ${(explore.largestGzip / 1e3).toFixed(0)} KB gzip; shards.json ${(explore.shardsGzip / 1e3).toFixed(1)} KB, search.json ${(explore.searchGzip / 1e3).toFixed(0)} KB gzip).`);
  const entries = feedEntries(feedCache, digest);
  fs.writeFileSync(path.join(output, "digest.json"), JSON.stringify(digest, null, 1));
  fs.writeFileSync(path.join(output, "digest.md"), digestMarkdown(digest));
  fs.writeFileSync(path.join(output, "feed.xml"), feedXml(entries, digest.title, siteUrl));
  return () => saveFeedEntries(feedCache, entries);
}

try {
  await main();
} catch (error) {
  console.error(`\nBuild failed: ${(error as Error).message}\nThe previous site (if any) is unchanged.`);
  process.exitCode = 1;
}
