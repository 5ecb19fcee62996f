// npm run build: snapshots (incremental), then the Observable Framework site into a staging folder,
// checked, then swapped in place of dist/. A failed build leaves the previous dist/ as it was.
//
// CLICKSTREAM_DIST names another output folder; CLICKSTREAM_BUILD_WAIT=<seconds> waits for a build that
// is already running instead of refusing at once.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath } from "../atomic.ts";
import { cacheDir } from "../config.ts";
import { resolveData } from "../demo.ts";
import { defaultSettings } from "../duckdb.ts";
import { acquireLock } from "../lock.ts";
import { clearLoaderCache, externalReferences, prepareOfflineBuild } from "../site.ts";
import { buildSnapshots } from "../snapshots.ts";
import { PROJECT_ROOT } from "../sql-files.ts";

const FRAMEWORK = path.join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");

async function main(): Promise<void> {
  const started = performance.now();
  const dist = path.resolve(PROJECT_ROOT, process.env.CLICKSTREAM_DIST || "dist");
  // one build per checkout at a time: builds share Framework's cache in src/.observablehq
  const lock = path.join(PROJECT_ROOT, "src", ".observablehq", "build.lock");
  const release = await acquireLock(lock, "site build", Number(process.env.CLICKSTREAM_BUILD_WAIT) || 0);
  // a build that was killed may have left its staging folder; with the lock held, none is in use
  const leftovers = fs.existsSync(path.dirname(dist)) ? fs.readdirSync(path.dirname(dist)).filter((name) => name.startsWith(`.${path.basename(dist)}.staging-`)) : [];
  for (const name of leftovers) fs.rmSync(path.join(path.dirname(dist), name), { recursive: true, force: true });
  const staging = stagingPath(dist);
  try {
    const settings = defaultSettings(cacheDir());
    const source = await resolveData(settings);
    const build = await buildSnapshots({ dataRoot: source.root, demo: source.demo, cacheDir: cacheDir(), settings, log: console.error });
    console.error(
      build.reused
        ? `Snapshots are current (${build.months.length} months, nothing changed).`
        : `Snapshots built in ${build.seconds.toFixed(1)} s (${build.months.filter((m) => !m.reused).length} of ${build.months.length} months scanned), peak memory ${build.peakRssMB} MB.`,
    );
    for (const warning of build.warnings) console.error(`Warning: ${warning}`);

    clearLoaderCache();
    prepareOfflineBuild();
    const framework = spawnSync(process.execPath, [FRAMEWORK, "build"], {
      cwd: PROJECT_ROOT,
      stdio: "inherit",
      env: { ...process.env, CLICKSTREAM_SITE_OUTPUT: staging },
    });
    if (framework.status !== 0) throw new Error(`Observable Framework build failed (exit code ${framework.status})`);

    const external = externalReferences(staging);
    if (external.length > 0) throw new Error(`the site would load from other hosts:\n${external.slice(0, 10).join("\n")}`);

    replaceFolder(dist, staging);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.error(`Site written to ${path.relative(process.cwd(), dist) || "."}/ in ${seconds} s${source.demo ? " (DEMO data)" : ""}.`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nBuild failed: ${(error as Error).message}\nThe previous site (if any) is unchanged.`);
  process.exitCode = 1;
}
