// Once per test run, before any test file: the run's temporary folder (removed at the end, whatever
// happened; folders of runs that were killed are removed at the next start), a Chromium, and the sites
// the tests read, each built once with `npm run build` as a user runs it, in a copy of the project: the
// fixture's with the README's example report added (test/add-report.test.ts) and reference files (a
// brand group, a department), the partial day's with an audience. Tests that change a built site copy it (with its data and cache) rather than build another.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type { Audience } from "../data-loaders/audiences/audience.ts";
import { findChromium } from "../data-loaders/site/browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** dist/ of the site built on the hand-made fixture (with the README's example report) */
    fixtureSite: string;
    /** its data (partitions) and cache */
    fixtureData: string;
    fixtureCache: string;
    /** dist/ of the site built on a partial day (one month, a few hours of its last day) */
    partialSite: string;
    /** where the partial day's partitions are */
    partialData: string;
    /** the audiences the partial day's site was built with (its dist/audiences/<name>/) */
    partialAudiences: Audience[];
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the folders of earlier runs that were killed before their teardown. */
function removeAbandonedRuns(parent: string): void {
  for (const name of fs.readdirSync(parent)) {
    const pid = /^clickstream-tests-(\d+)$/.exec(name)?.[1];
    if (pid && Number(pid) !== process.pid && !running(Number(pid))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = project.config.env.CLICKSTREAM_TEST_RUN_ROOT!;
  removeAbandonedRuns(path.dirname(root));
  fs.mkdirSync(root, { recursive: true });
  const teardown = () => fs.rmSync(root, { recursive: true, force: true });
  // this process makes temporary folders too (the helpers below), and they belong to the run
  process.env.TMPDIR = root;
  try {
    // unpacks the npm Chromium once, before the test files run side by side
    await findChromium();
    const { buildSite, copyProject, tempDir, testConfig } = await import("./helpers.ts");
    const { addFixtureReference, addReadmeReport, partialDayAudiences, writeFixture, writePartialDay } = await import("./scenarios.ts");
    const site = async (name: string, write: (root: string) => Promise<void>, projectDir: string, withAudiences = false) => {
      const [data, cache] = [tempDir(), tempDir()];
      await write(data);
      const config = path.join(tempDir(), "clickstream.config.json");
      const audiences = withAudiences ? await partialDayAudiences(data) : [];
      fs.writeFileSync(config, JSON.stringify({ ...testConfig(), audiences }));
      const dist = path.join(tempDir(), "dist");
      const build = await buildSite({ CLICKSTREAM_DATA: data, CLICKSTREAM_CACHE: cache, CLICKSTREAM_DIST: dist, CLICKSTREAM_CONFIG: config }, { project: projectDir });
      if (build.status !== 0) throw new Error(`the ${name} build failed:\n${build.output}`);
      return { data, cache, dist, audiences };
    };
    // side by side, each in its own copy of the project (its own build lock and page data)
    const fixtureProject = copyProject();
    addReadmeReport(fixtureProject);
    addFixtureReference(fixtureProject);
    const [fixture, partial] = await Promise.all([site("fixture", writeFixture, fixtureProject), site("partial day", writePartialDay, copyProject(), true)]);
    project.provide("fixtureSite", fixture.dist);
    project.provide("fixtureData", fixture.data);
    project.provide("fixtureCache", fixture.cache);
    project.provide("partialSite", partial.dist);
    project.provide("partialData", partial.data);
    project.provide("partialAudiences", partial.audiences);
  } catch (error) {
    teardown();
    throw error;
  }
  return teardown;
}
