// Once per test run, before any test file: the run's temporary folder (removed at the end, whatever
// happened; folders of runs that were killed are removed at the next start), a Chromium, and the sites
// the browser tests read, each built once with `npm run build` as a user runs it.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type { Audience } from "../data-loaders/audiences/audience.ts";
import { findChromium } from "../data-loaders/site/browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** dist/ of the site built on the hand-made fixture */
    fixtureSite: string;
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
    const { partialDayAudiences, writeFixture, writePartialDay } = await import("./scenarios.ts");
    let audiences: Audience[] = [];
    const site = async (name: string, write: (root: string) => Promise<void>, { projectDir, withAudiences = false }: { projectDir?: string; withAudiences?: boolean } = {}) => {
      const data = tempDir();
      await write(data);
      const config = path.join(tempDir(), "clickstream.config.json");
      if (withAudiences) audiences = await partialDayAudiences(data);
      fs.writeFileSync(config, JSON.stringify({ ...testConfig(), audiences }));
      const dist = path.join(tempDir(), "dist");
      const build = await buildSite({ CLICKSTREAM_DATA: data, CLICKSTREAM_CACHE: tempDir(), CLICKSTREAM_DIST: dist, CLICKSTREAM_CONFIG: config }, { project: projectDir });
      if (build.status !== 0) throw new Error(`the ${name} build failed:\n${build.output}`);
      return { data, dist };
    };
    // side by side: the second in a copy of the project, whose own build lock and page data let it run
    const [fixture, partial] = await Promise.all([site("fixture", writeFixture), site("partial day", writePartialDay, { projectDir: copyProject(), withAudiences: true })]);
    project.provide("fixtureSite", fixture.dist);
    project.provide("partialSite", partial.dist);
    project.provide("partialData", partial.data);
    project.provide("partialAudiences", audiences);
  } catch (error) {
    teardown();
    throw error;
  }
  return teardown;
}
