import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Everything the tests write goes under one folder per run (os.tmpdir() in the workers and in every
// process they start), which test/global-setup.ts removes when the run ends, passed or not.
const RUN_ROOT = path.join(os.tmpdir(), `clickstream-tests-${process.pid}`);

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // the builds the tests start (npm run build) use one DuckDB thread, as testSettings does
    env: { TMPDIR: RUN_ROOT, CLICKSTREAM_TEST_RUN_ROOT: RUN_ROOT, CLICKSTREAM_THREADS: "1" },
    // no test may take longer than this, also on a machine busy with other work
    testTimeout: 45_000,
    hookTimeout: 45_000,
    // a page may take seconds to show what it loads when the machine is busy (1 s is vitest's default)
    expect: { poll: { timeout: 15_000 } },
    // each file opens its own DuckDB instances; two at a time suit a 2-core machine
    maxWorkers: 2,
    isolate: false,
    // the tests marked concurrent (the site's pages, each in a browser page) run two at a time: more would
    // starve the other worker's DuckDB tests on two cores
    maxConcurrency: 2,
  },
});
