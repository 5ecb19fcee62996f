// Publishing: the GitHub workflows, the configuration, the build's gates, and what a failed build leaves
// behind. The gates are tested where they are decided (buildSnapshots); the end-to-end behaviour, that a
// failed or killed build leaves the published site exactly as it was, with `npm run build` itself.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import YAML from "yaml";
import { lastDigestPath } from "../data-loaders/alerts/feed.ts";
import { markPreview, PREVIEW_BANNER } from "../data-loaders/site/preview.ts";
import { resolveData } from "../data-loaders/demo/demo-data.ts";
import { loadConfig, type Config } from "../data-loaders/shared/config.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { listPartitions } from "../data-loaders/shared/layout.ts";
import { PROJECT_ROOT, sqlString } from "../data-loaders/shared/sql-files.ts";
import { buildSnapshots, GateError } from "../data-loaders/snapshots/snapshots.ts";
import { buildSite, tempDir, testConfig, testSettings, type BuildRun } from "./helpers.ts";
import { writeFixture } from "./scenarios.ts";

const WORKFLOWS = path.join(PROJECT_ROOT, ".github", "workflows");
const README = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");

interface Step {
  uses?: string;
  run?: string;
  if?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { needs?: string; permissions?: Record<string, string>; steps?: Step[] }>;
}
const workflow = (name: string) => YAML.parse(fs.readFileSync(path.join(WORKFLOWS, name), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps ?? []);
const runs = (w: Workflow) => steps(w).map((step) => step.run ?? "").join("\n");
const WORKFLOW_FILES = ["test.yml", "ingest.yml", "publish.yml"];

describe("GitHub workflows", () => {
  it("test.yml runs CI's script on every push and pull request; the script installs with npm ci and runs npm test", () => {
    const w = workflow("test.yml");
    expect(Object.keys(w.on).sort()).toEqual(["pull_request", "push"]);
    expect(runs(w)).toContain(".ci/run");
    const script = fs.readFileSync(path.join(PROJECT_ROOT, ".ci/run"), "utf8");
    expect(script).toMatch(/^npm ci\b/m);
    expect(script).toMatch(/^npm test$/m);
  });

  it("publish.yml rebuilds daily and on demand, and deploys only after the build job passed", () => {
    const w = workflow("publish.yml");
    expect(Object.keys(w.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const build = w.jobs.build!.steps!;
    const buildStep = build.findIndex((s) => s.run === "npm run build");
    const upload = build.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(buildStep).toBeGreaterThan(-1);
    expect(upload).toBeGreaterThan(buildStep);
    expect(build.slice(0, buildStep).some((s) => s.uses?.startsWith("actions/cache/restore"))).toBe(true);
    expect(w.jobs.deploy!.needs).toEqual(["build", "preview"]);
    expect(w.jobs.deploy!.steps!.some((s) => s.uses?.startsWith("actions/deploy-pages"))).toBe(true);
  });

  it("publish.yml puts the digest in the job summary and sends it to the webhook secret, also after a failed build", () => {
    const w = workflow("publish.yml");
    const build = w.jobs.build!;
    const buildStep = build.steps!.findIndex((s) => s.run === "npm run build");
    const summary = build.steps!.findIndex((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'));
    const send = build.steps!.findIndex((s) => s.run?.includes('"$DIGEST_WEBHOOK_URL"'));
    expect(summary).toBeGreaterThan(buildStep);
    expect(send).toBeGreaterThan(buildStep);
    expect(build.steps![summary]!.if).toBe("always()");
    expect(build.steps![summary]!.run).toContain(path.relative(PROJECT_ROOT, lastDigestPath(path.join(PROJECT_ROOT, ".cache"))));
    expect(build.steps![send]!.if).toBe("always() && env.DIGEST_WEBHOOK_URL != ''");
    expect((build as { env?: Record<string, string> }).env?.DIGEST_WEBHOOK_URL).toBe("${{ secrets.DIGEST_WEBHOOK_URL }}");
  });

  it("publish.yml uploads a preview with a banner, then deploys the site without it only through the github-pages environment (required reviewers)", () => {
    const w = workflow("publish.yml");
    expect(Object.keys(w.jobs)).toEqual(["build", "preview", "deploy"]);
    const build = w.jobs.build!.steps!;
    const buildStep = build.findIndex((s) => s.run === "npm run build");
    const mark = build.findIndex((s) => s.run === "npm run mark-preview -- dist dist-preview");
    const previewUpload = build.findIndex((s) => s.uses?.startsWith("actions/upload-artifact"));
    const pagesUpload = build.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(mark).toBeGreaterThan(buildStep);
    expect(previewUpload).toBeGreaterThan(mark);
    expect((build[previewUpload] as Step & { with: Record<string, unknown> }).with).toMatchObject({ name: "site-preview", path: "dist-preview" });
    expect((build[pagesUpload] as Step & { with: Record<string, unknown> }).with).toEqual({ path: "dist" });
    const environment = (job: string) => (w.jobs[job] as { environment?: { name: string; url?: string } }).environment;
    expect(environment("preview")).toMatchObject({ name: "preview" });
    expect(environment("preview")!.url).toContain("${{ github.run_id }}");
    expect(w.jobs.preview!.needs).toBe("build");
    expect(w.jobs.preview!.permissions).toBeUndefined();
    expect(environment("deploy")!.name).toBe("github-pages");
    expect(environment("build")).toBeUndefined();
  });

  it("publish.yml grants pages and id-token write to the deploy job only", () => {
    const w = workflow("publish.yml");
    expect(w.permissions).toEqual({ contents: "read" });
    expect(w.jobs.build!.permissions ?? {}).not.toHaveProperty("pages");
    expect(w.jobs.build!.permissions ?? {}).not.toHaveProperty("id-token");
    expect(w.jobs.deploy!.permissions).toEqual({ pages: "write", "id-token": "write" });
  });

  it.each(WORKFLOW_FILES)("%s pins every action by commit and installs with npm ci", (name) => {
    const w = workflow(name);
    for (const step of steps(w).filter((s) => s.uses)) expect(step.uses, "pinned to a 40-digit commit").toMatch(/^[\w./-]+@[0-9a-f]{40}$/);
    expect(runs(w)).not.toMatch(/npm install\b/);
    if (name !== "test.yml") expect(runs(w)).toMatch(/^npm ci\b/m);
  });

  it("ingest.yml loads exports with npm run ingest and saves the partitions", () => {
    const w = workflow("ingest.yml");
    expect(runs(w)).toContain("npm run ingest");
    expect(w.jobs.ingest!.steps!.some((s) => s.uses?.startsWith("actions/cache/save"))).toBe(true);
  });

  it("the README names the commands the workflows run", () => {
    for (const command of ["npm run build", "npm test", "npm run ingest", "npm ci"]) expect(README).toContain(command);
    for (const file of WORKFLOW_FILES) expect(README).toContain(file);
  });
});

describe("the preview of a site", () => {
  it("is a copy with a banner right after <body> of every page, the rest byte for byte the same, the site itself untouched", () => {
    const site = inject("fixtureSite");
    const before = folderHash(site);
    const preview = path.join(tempDir(), "preview");
    const files = (dir: string) => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    const pages = markPreview(site, preview);
    expect(files(preview)).toEqual(files(site));
    expect(pages).toBe(files(site).filter((f) => f.endsWith(".html")).length);
    for (const file of files(site)) {
      const [original, marked] = [fs.readFileSync(path.join(site, file)), fs.readFileSync(path.join(preview, file))];
      if (file.endsWith(".html")) {
        expect(original.toString()).not.toContain("preview-banner");
        expect(marked.toString()).toBe(original.toString().replace("<body>", `<body>${PREVIEW_BANNER}`));
      } else expect(marked.equals(original), file).toBe(true);
    }
    expect(folderHash(site)).toBe(before);
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

/** A copy of a data folder; its files keep their times, so that a month not changed after copying reuses its cached rollups. */
function copyData(from: string): string {
  const to = tempDir();
  fs.cpSync(from, to, { recursive: true, preserveTimestamps: true });
  return to;
}

/** Rewrites a partition file with the rows of `select` over its own rows (`FROM original`). */
async function rewrite(file: string, select: string): Promise<void> {
  const original = `${file}.original`;
  fs.renameSync(file, original);
  await withDatabase(testSettings(tempDir()), (db) => db.run(`COPY (${select.replace("FROM original", `FROM read_parquet(${sqlString(original)})`)}) TO ${sqlString(file)} (FORMAT parquet)`));
  fs.rmSync(original);
}

describe("gates: what stops a build before anything is published", () => {
  // the fixture: three months of 2, 18 and 7 rows (test/fixture.ts)
  let data: string;
  // one cache for these tests: each changes one month of a copy, and the others' rollups are reused
  let shared: string;
  const build = (root: string, config: Config = testConfig(), cache = shared) =>
    buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config });
  const month = (root: string, m: string) => listPartitions(root).find((p) => p.month === m)!;

  beforeAll(async () => {
    data = tempDir();
    shared = tempDir();
    await writeFixture(data);
    await build(data);
  });

  it("no partitions and no demo allowed", async () => {
    await expect(resolveData(testSettings(tempDir()), () => {}, { CLICKSTREAM_DATA: tempDir(), CLICKSTREAM_REQUIRE_DATA: "1" }))
      .rejects.toThrow(/no partitions under .* the demo dataset is not allowed/);
  });

  it("a Parquet file that cannot be read, named", async () => {
    const root = copyData(data);
    const file = month(root, "2019-11").files[0]!.path;
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 1000));
    await expect(build(root)).rejects.toThrow(`corrupt or unreadable Parquet file ${file}`);
  });

  it("a month missing between others", async () => {
    const root = copyData(data);
    fs.rmSync(month(root, "2019-11").dir, { recursive: true });
    const failure = await build(root).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GateError);
    expect((failure as Error).message).toMatch(/month 2019-11 has no data, but the months before and after it have/);
    const allowed = testConfig();
    allowed.gates.allowMonthGaps = true;
    expect((await build(root, allowed)).months.map((m) => m.month)).toEqual(["2019-10", "2019-12"]);
  });

  it("the last month missing is no gap", async () => {
    const shorter = copyData(data);
    fs.rmSync(month(shorter, "2019-12").dir, { recursive: true });
    expect((await build(shorter)).months.map((m) => m.month)).toEqual(["2019-10", "2019-11"]);
  });

  it("a month far below its neighbours", async () => {
    // the default configuration (the tests' lets any volume through): October's 2 rows and December's 7
    // against November's 18, and the ratio named
    const config = loadConfig({});
    const ratio = Math.round(config.gates.minMonthVolumeRatio * 100);
    expect(ratio).toBeGreaterThan(39);
    const failure = (await build(data, config).catch((error: unknown) => error)) as Error;
    expect(failure).toBeInstanceOf(GateError);
    expect(failure.message).toContain(`month 2019-10 has 2 rows, under ${ratio}% of its neighbours' 18`);
    expect(failure.message).toContain(`month 2019-12 has 7 rows, under ${ratio}% of its neighbours' 18`);
    expect(failure.message).not.toContain("month 2019-11");
  });

  it("a snapshot that breaks a rule that must hold (purchases but no revenue)", async () => {
    const root = copyData(data);
    await rewrite(month(root, "2019-11").files[0]!.path, "SELECT * REPLACE (0::DECIMAL(10,2) AS price) FROM original");
    await expect(build(root)).rejects.toThrow(/month 2019-11: 3 purchases but no revenue \(sql\/checks\/purchase_revenue\.sql\)/);
  });
});

describe("what a build reads back is checked first", () => {
  it("an ingest manifest that is not as ingest writes it stops the build, naming the file and the field", async () => {
    const root = tempDir();
    await writeFixture(root);
    const manifest = path.join(root, "_ingest", "manifest.json");
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    fs.writeFileSync(manifest, JSON.stringify({ files: { a: { name: "a", rowsRead: "1); DROP TABLE overview; --" } } }));
    const cache = tempDir();
    await expect(buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig() }))
      .rejects.toThrow(new RegExp(`the ingest manifest ${manifest} is not valid:[\\s\\S]*files\\.a\\.rowsRead`));
  });

  it("a damaged build record in the snapshot cache is built again, not read", async () => {
    // the run's fixture site's data (only read) and a copy of its cache: its months' rollups are there already
    const root = inject("fixtureData");
    const cache = copyData(inject("fixtureCache"));
    const build = () => buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig() });
    const first = await build();
    expect(first.months.every((m) => m.reused)).toBe(true);
    fs.writeFileSync(path.join(first.dir, "_build.json"), JSON.stringify({ ...first, peakRssMB: "a lot" }));
    const messages: string[] = [];
    const again = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig(), log: (m) => messages.push(m) });
    expect(again.reused).toBeUndefined();
    expect(messages[0]).toMatch(/snapshot build record .*_build\.json is not valid:[\s\S]*peakRssMB/);
    expect((await build()).reused).toBe(true);
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

describe("a build that fails or is killed leaves the published site as it was", () => {
  let data: string;
  let cache: string;
  let dist: string;
  let good: string;
  const env = () => ({ CLICKSTREAM_DATA: data, CLICKSTREAM_CACHE: cache, CLICKSTREAM_DIST: dist });
  const snapshotsCache = () => path.join(cache, "snapshots");

  const expectFailedAndUntouched = (result: BuildRun, message: RegExp) => {
    expect(result.status, result.output).not.toBe(0);
    expect(result.output).toMatch(message);
    expect(result.output).toContain("The previous site (if any) is unchanged.");
    expect(folderHash(dist)).toBe(good);
  };

  beforeAll(() => {
    // the run's fixture site (test/global-setup.ts) stands for the published one: a copy of it, its data
    // and its cache (the snapshots are computed again: its project had the README's report)
    data = copyData(inject("fixtureData"));
    cache = copyData(inject("fixtureCache"));
    dist = path.join(tempDir(), "dist");
    fs.cpSync(inject("fixtureSite"), dist, { recursive: true });
    good = folderHash(dist);
  });

  it("a gate that stops the build", async () => {
    const november = listPartitions(data).find((p) => p.month === "2019-11")!.dir;
    fs.renameSync(november, `${november}.aside`);
    try {
      expectFailedAndUntouched(await buildSite(env()), /month 2019-11 has no data, but the months before and after it have/);
    } finally {
      fs.renameSync(`${november}.aside`, november);
    }
  });

  it("an alert rule whose severity is block, firing: the digest is printed, the site and the feed stay as they were", async () => {
    const config = path.join(tempDir(), "blocking.json");
    const rule = { name: "Any events at all", metric: "events", grain: "month", when: "above", value: 1, severity: "block" };
    fs.writeFileSync(config, JSON.stringify({ ...testConfig(), alerts: [rule] }));
    const feed = fs.readFileSync(path.join(cache, "digest", "feed.json"), "utf8");
    const result = await buildSite({ ...env(), CLICKSTREAM_CONFIG: config });
    expectFailedAndUntouched(result, /BLOCKING alert "Any events at all": Events in \w+ 20\d\d: [\d.,k]+, fires above 1[\s\S]*alert rule "Any events at all" fires and its severity is block/);
    expect(fs.readFileSync(path.join(cache, "digest", "feed.json"), "utf8")).toBe(feed);
    // the digest publish.yml sends is there all the same, saying why
    expect(fs.readFileSync(lastDigestPath(cache), "utf8")).toContain("- **BLOCKS THE BUILD** `Any events at all`: Events in ");
  });

  it("a disk that fills up while the snapshots are written, and no half-written snapshots are kept", async () => {
    // the rollups are cached, so the first files written are the snapshots; no file may exceed 32 KB (the
    // lock's file is 12 KB, several snapshots more than 32)
    fs.rmSync(snapshotsCache(), { recursive: true, force: true });
    const result = await buildSite(env(), { shellPrefix: "trap '' XFSZ; ulimit -f 32;" });
    expectFailedAndUntouched(result, /File too large|No space left|could not write|Could not write/i);
    expect(fs.readdirSync(snapshotsCache()).filter((f) => !f.startsWith(".") && f !== "current.json")).toEqual([]);
  });

  it("a second build refuses while one runs; killing the first mid-build changes nothing", async () => {
    fs.rmSync(snapshotsCache(), { recursive: true, force: true });
    const holder = path.join(PROJECT_ROOT, "src", ".observablehq", "build.lock.holder");
    let first: import("node:child_process").ChildProcess | undefined;
    let firstOutput = () => "";
    const running = buildSite(env(), { watch: (child, output) => ((first = child), (firstOutput = output)) });
    // the first build holds the lock once node has started: up to half a minute on a busy machine
    await expect.poll(() => fs.existsSync(holder) && fs.readFileSync(holder, "utf8").trim(), { timeout: 30_000, interval: 100 }).toMatch(/^\d+$/);
    const second = await buildSite({ ...env(), CLICKSTREAM_BUILD_WAIT: "0" });
    expect(second.status).not.toBe(0);
    expect(second.output).toMatch(/another site build is running \(pid \d+\)/);
    // killed while Framework writes the site into its staging folder
    await expect.poll(firstOutput, { timeout: 30_000, interval: 100 }).toContain("Page data written");
    process.kill(-first!.pid!, "SIGKILL");
    await running;
    expect(folderHash(dist)).toBe(good);
  });

  it("after a killed build, the next one succeeds at once and leaves no staging folder", async () => {
    const next = await buildSite({ ...env(), CLICKSTREAM_BUILD_WAIT: "0" });
    expect(next.status, next.output).toBe(0);
    expect(fs.readdirSync(path.dirname(dist)).filter((name) => name !== "dist")).toEqual([]);
    expect(folderHash(dist)).not.toBe(good);
  });
});
