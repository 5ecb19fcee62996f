// Publishing: the GitHub workflows, the configuration, and the build's gates and faults. Every failed
// build must leave the previous site exactly as it was.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadConfig } from "../data-loaders/config.ts";
import { withDatabase } from "../data-loaders/duckdb.ts";
import { generateDemo } from "../data-loaders/generate.ts";
import { listPartitions } from "../data-loaders/layout.ts";
import { PROJECT_ROOT } from "../data-loaders/sql-files.ts";
import { buildSite, tempDir, testConfigFile, testSettings } from "./helpers.ts";

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");
const README = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

type Workflow = { on: Record<string, unknown>; jobs: Record<string, { needs?: string; steps?: { uses?: string; run?: string; if?: string }[] }> };
const workflow = (name: string) => YAML.parse(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")) as Workflow;
const runs = (w: Workflow) => Object.values(w.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? "")).join("\n");

describe("GitHub workflows", () => {
  it("test.yml runs CI's script (npm test) on every push and pull request", () => {
    const w = workflow("test.yml");
    expect(Object.keys(w.on).sort()).toEqual(["pull_request", "push"]);
    expect(runs(w)).toContain(".ci/run");
    expect(fs.readFileSync(path.join(PROJECT_ROOT, ".ci/run"), "utf8")).toContain("npm test");
  });

  it("publish.yml rebuilds daily and on demand, and deploys only after the build job passed", () => {
    const w = workflow("publish.yml");
    expect(Object.keys(w.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(runs(w)).toContain("npm run build");
    const build = w.jobs.build!.steps!;
    const buildStep = build.findIndex((s) => s.run === "npm run build");
    const upload = build.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(upload).toBeGreaterThan(buildStep);
    expect(build.slice(0, buildStep).some((s) => s.uses?.startsWith("actions/cache/restore"))).toBe(true);
    expect(w.jobs.deploy!.needs).toBe("build");
    expect(w.jobs.deploy!.steps!.some((s) => s.uses?.startsWith("actions/deploy-pages"))).toBe(true);
  });

  it("ingest.yml loads exports with npm run ingest and saves the partitions", () => {
    const w = workflow("ingest.yml");
    expect(runs(w)).toContain("npm run ingest");
    expect(w.jobs.ingest!.steps!.some((s) => s.uses?.startsWith("actions/cache/save"))).toBe(true);
  });

  it("the README names the commands the workflows run", () => {
    for (const command of ["npm run build", "npm test", "npm run ingest"]) expect(README).toContain(command);
    for (const file of ["test.yml", "publish.yml", "ingest.yml"]) expect(README).toContain(file);
  });
});

describe("configuration", () => {
  it("is read from clickstream.config.json and checked, naming each problem", () => {
    expect(loadConfig({}).title).toBeTruthy();
    const file = path.join(tempDir(), "bad.json");
    const bad = { ...loadConfig({}), months: { from: "2019-13", to: null }, gates: { minMonthVolumeRatio: 2, allowMonthGaps: false }, extra: 1 };
    fs.writeFileSync(file, JSON.stringify(bad));
    expect(() => loadConfig({ CLICKSTREAM_CONFIG: file })).toThrowError(/months\.from: expected a month like 2019-10[\s\S]*gates\.minMonthVolumeRatio[\s\S]*extra/);
    fs.writeFileSync(file, "{ not json");
    expect(() => loadConfig({ CLICKSTREAM_CONFIG: file })).toThrowError(/cannot read the configuration .*bad\.json/);
  });

  it("takes the data root and the no-demo rule from the environment", () => {
    const config = loadConfig({ CLICKSTREAM_DATA: "/somewhere", CLICKSTREAM_REQUIRE_DATA: "1" });
    expect(config.data).toBe("/somewhere");
    expect(config.demo.allowed).toBe(false);
  });
});

/** A fingerprint of a whole folder, to see that a failed build left it as it was. */
function folderHash(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const file = path.join(d, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else hash.update(`${path.relative(dir, file)}\0`).update(fs.readFileSync(file));
    }
  };
  walk(dir);
  return hash.digest("hex");
}

describe("gates and faults of the site build", () => {
  let data: string;
  let cache: string;
  let dist: string;
  let good: string;
  const env = () => ({ CLICKSTREAM_DATA: data, CLICKSTREAM_CACHE: cache, CLICKSTREAM_DIST: dist });
  const month = (m: string) => listPartitions(data).find((p) => p.month === m)!;

  beforeAll(async () => {
    data = tempDir();
    cache = tempDir();
    dist = path.join(tempDir(), "dist");
    await generateDemo({ events: 150_000, seed: 99, out: data, settings: testSettings(tempDir()) });
    const first = buildSite(env());
    expect(first.status, first.output).toBe(0);
    good = folderHash(dist);
  });

  /** Runs `check` while a partition file holds the rows of `select` over its own rows, then restores it. */
  const withRewrittenFile = async (file: string, select: string, check: () => void) => {
    const original = fs.readFileSync(file);
    const copy = `${file}.copy`;
    try {
      fs.copyFileSync(file, copy);
      await withDatabase(testSettings(tempDir()), (db) => db.run(`COPY (${select.replace("FROM original", `FROM read_parquet('${copy}')`)}) TO '${file}' (FORMAT parquet)`));
      check();
    } finally {
      fs.writeFileSync(file, original);
      fs.rmSync(copy, { force: true });
    }
  };

  const expectFailedAndUntouched = (result: { status: number | null; output: string }, message: RegExp) => {
    expect(result.status, result.output).not.toBe(0);
    expect(result.output).toMatch(message);
    expect(result.output).toContain("The previous site (if any) is unchanged.");
    expect(folderHash(dist)).toBe(good);
  };

  it("stops when there are no partitions and the demo is not allowed", () => {
    expectFailedAndUntouched(buildSite({ ...env(), CLICKSTREAM_DATA: tempDir(), CLICKSTREAM_REQUIRE_DATA: "1" }), /no partitions under .* the demo dataset is not allowed/);
  });

  it("names a corrupt Parquet file", () => {
    const file = month("2020-02").files[0]!.path;
    const original = fs.readFileSync(file);
    try {
      fs.writeFileSync(file, original.subarray(0, original.length / 2));
      expectFailedAndUntouched(buildSite(env()), new RegExp(`corrupt or unreadable Parquet file ${file.replaceAll("/", "\\/")}`));
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it("stops on a month missing between others, and goes on when the last month is gone", () => {
    const november = month("2019-11").dir;
    const aside = `${november}.aside`;
    fs.renameSync(november, aside);
    try {
      expectFailedAndUntouched(buildSite(env()), /month 2019-11 has no data, but the months before and after it have/);
    } finally {
      fs.renameSync(aside, november);
    }
    const april = month("2020-04").dir;
    fs.renameSync(april, `${april}.aside`);
    try {
      const result = buildSite(env());
      expect(result.status, result.output).toBe(0);
      const build = JSON.parse(fs.readFileSync(path.join(dist, "_file", "data", fs.readdirSync(path.join(dist, "_file", "data")).find((f) => f.startsWith("build."))!), "utf8"));
      expect(build.months.at(-1)).toBe("2020-03");
    } finally {
      fs.renameSync(`${april}.aside`, april);
    }
    const again = buildSite(env());
    expect(again.status, again.output).toBe(0);
    good = folderHash(dist);
  });

  it("stops on a month far below its neighbours", async () => {
    const ratio = loadConfig({}).gates.minMonthVolumeRatio;
    await withRewrittenFile(month("2019-12").files[0]!.path, "SELECT * FROM original LIMIT 100", () => {
      const result = buildSite({ ...env(), CLICKSTREAM_CONFIG: path.join(PROJECT_ROOT, "clickstream.config.json") });
      expectFailedAndUntouched(result, new RegExp(`month 2019-12 has 100 rows, under ${Math.round(ratio * 100)}% of its neighbours`));
    });
  });

  it("stops on a snapshot that breaks an invariant (purchases but no revenue)", async () => {
    await withRewrittenFile(month("2020-01").files[0]!.path, "SELECT * REPLACE (0::DECIMAL(10,2) AS price) FROM original", () => {
      expectFailedAndUntouched(buildSite(env()), /month 2020-01: \d+ purchases but no revenue/);
    });
  });

  it("a build killed half way leaves the site intact, and the next build succeeds", async () => {
    const command = [process.execPath, "--import", "tsx", path.join(PROJECT_ROOT, "data-loaders/cli/build.ts")];
    fs.rmSync(path.join(cache, "snapshots"), { recursive: true, force: true });
    const child = spawn(command[0]!, command.slice(1), { cwd: PROJECT_ROOT, env: { ...process.env, ...env(), CLICKSTREAM_CONFIG: testConfigFile() }, detached: true, stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 6000));
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect(folderHash(dist)).toBe(good);
    const next = buildSite(env());
    expect(next.status, next.output).toBe(0);
    good = folderHash(dist);
  });

  it("a disk that fills up while snapshots are written fails the build and changes nothing", () => {
    fs.rmSync(path.join(cache, "snapshots"), { recursive: true, force: true });
    // the rollups are cached, so the first files written are snapshots; no file may exceed 64 KB
    const command = `trap '' XFSZ; ulimit -f 64; exec "${process.execPath}" --import tsx data-loaders/cli/build.ts`;
    const run = spawnSync("bash", ["-c", command], {
      cwd: PROJECT_ROOT, encoding: "utf8", env: { ...process.env, ...env(), CLICKSTREAM_CONFIG: testConfigFile(), CLICKSTREAM_BUILD_WAIT: "900" },
    });
    expectFailedAndUntouched({ status: run.status, output: `${run.stdout}\n${run.stderr}` }, /File too large|No space left|could not write|Could not write/i);
    expect(fs.readdirSync(path.join(cache, "snapshots")).filter((f) => !f.startsWith("."))).toEqual([]);
    const next = buildSite(env());
    expect(next.status, next.output).toBe(0);
  });

  it("a second build started while one runs refuses clearly", async () => {
    const command = [process.execPath, "--import", "tsx", path.join(PROJECT_ROOT, "data-loaders/cli/build.ts")];
    fs.rmSync(path.join(cache, "snapshots"), { recursive: true, force: true });
    const first = spawn(command[0]!, command.slice(1), { cwd: PROJECT_ROOT, env: { ...process.env, ...env(), CLICKSTREAM_CONFIG: testConfigFile() }, stdio: "ignore" });
    const lock = path.join(PROJECT_ROOT, "src", ".observablehq", "build.lock");
    // the first build holds the lock once node has started and loaded: up to a minute on a busy machine
    const holdsLock = () => fs.existsSync(lock) && fs.readFileSync(lock, "utf8").trim() === String(first.pid);
    for (let i = 0; i < 600 && !holdsLock(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(holdsLock()).toBe(true);
    const second = buildSite({ ...env(), CLICKSTREAM_BUILD_WAIT: "0" });
    expect(second.status).not.toBe(0);
    expect(second.output).toMatch(new RegExp(`another site build is running \\(pid ${first.pid}\\)`));
    const exit = await new Promise((resolve) => first.on("exit", resolve));
    expect(exit).toBe(0);
  });
});
