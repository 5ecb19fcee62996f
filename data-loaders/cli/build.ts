// npm run build: snapshots (incremental), then the Observable Framework site into a staging folder,
// checked, then swapped in place of dist/. A failed build leaves the previous dist/ as it was.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { replaceFolder, stagingPath } from "../atomic.ts";
import { cacheDir } from "../config.ts";
import { resolveData } from "../demo.ts";
import { defaultSettings } from "../duckdb.ts";
import { acquireLock } from "../lock.ts";
import { clearLoaderCache, externalReferences } from "../site.ts";
import { buildSnapshots } from "../snapshots.ts";
import { PROJECT_ROOT } from "../sql-files.ts";

const started = performance.now();
const dist = path.join(PROJECT_ROOT, "dist");
const release = acquireLock(path.join(cacheDir(), "build.lock"), "build");
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

  clearLoaderCache();
  const framework = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, CLICKSTREAM_SITE_OUTPUT: staging },
  });
  if (framework.status !== 0) throw new Error(`Observable Framework build failed (exit code ${framework.status})`);

  const external = externalReferences(staging);
  if (external.length > 0) throw new Error(`the site would load from other hosts:\n${external.slice(0, 10).join("\n")}`);

  replaceFolder(dist, staging);
  console.error(`Site written to ${path.relative(process.cwd(), dist) || "."}/ in ${((performance.now() - started) / 1000).toFixed(1)} s${source.demo ? " (DEMO data)" : ""}.`);
} catch (error) {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error(`\nBuild failed: ${(error as Error).message}\nThe previous site in dist/ (if any) is unchanged.`);
  process.exitCode = 1;
} finally {
  release();
}
