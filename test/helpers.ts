// Shared by the tests: temporary folders, partitions written from plain rows, snapshot builds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { loadConfig, type Config } from "../data-loaders/shared/config.ts";
import { defaultSettings, withDatabase, type DuckDBSettings } from "../data-loaders/shared/duckdb.ts";
import { layoutSelectList, monthFolder } from "../data-loaders/shared/layout.ts";
import { PROJECT_ROOT, sqlString } from "../data-loaders/shared/sql-files.ts";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import type { EventRow } from "./fixture.ts";

/** A fresh folder in the run's temporary folder (test/vitest.config.ts), which is removed when the run ends. */
export function tempDir(prefix = "clickstream-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testSettings(cacheDir: string): DuckDBSettings {
  // one thread: the test files run two at a time on two cores, and the tests' data is small
  return { ...defaultSettings(cacheDir), memoryLimit: "1GB", threads: 1 };
}

/**
 * The project's configuration, but without the month volume gate: the hand-made fixtures have months
 * of a few rows next to each other.
 */
export function testConfig(): Config {
  const config = loadConfig({});
  config.gates.minMonthVolumeRatio = 0;
  return config;
}

/** The same, as a file for builds run as commands (CLICKSTREAM_CONFIG). */
export function testConfigFile(): string {
  const file = path.join(tempDir(), "clickstream.config.json");
  fs.writeFileSync(file, JSON.stringify(testConfig()));
  return file;
}

/**
 * Writes rows as month partitions under root (one file per month, or `file` to name it); with
 * sessionsAsUuid, session ids are stored as UUID (they must be canonical UUIDs).
 */
export async function writePartitions(root: string, rows: EventRow[], file = "part-0.parquet", sessionsAsUuid = false): Promise<void> {
  const json = path.join(tempDir(), "rows.json");
  fs.writeFileSync(json, JSON.stringify(rows));
  await withDatabase(testSettings(path.dirname(json)), async (db) => {
    await db.run(`CREATE TEMP TABLE rows AS SELECT ${layoutSelectList(sessionsAsUuid)} FROM read_json(${sqlString(json)}, format = 'array',
      columns = {event_time: 'VARCHAR', event_type: 'VARCHAR', product_id: 'BIGINT', category_id: 'BIGINT',
                 category_code: 'VARCHAR', brand: 'VARCHAR', price: 'DECIMAL(10,2)', user_id: 'BIGINT', user_session: 'VARCHAR'})`);
    for (const { month } of await db.rows<{ month: string }>("SELECT DISTINCT strftime(event_time, '%Y-%m') AS month FROM rows")) {
      const target = path.join(monthFolder(root, month), file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await db.run(`COPY (SELECT * FROM rows WHERE strftime(event_time, '%Y-%m') = '${month}') TO ${sqlString(target)} (FORMAT parquet)`);
    }
  });
}

/** Builds the snapshots of the rows in fresh folders. */
export async function buildFromRows(rows: EventRow[], config = testConfig()): Promise<{ build: SnapshotBuild; root: string; cache: string }> {
  const root = tempDir();
  const cache = tempDir();
  await writePartitions(root, rows);
  const build = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config });
  return { build, root, cache };
}

/** A snapshot's rows (the fixtures are small, so every snapshot has its JSON). */
export function readSnapshot<T = Record<string, unknown>>(build: SnapshotBuild, name: string): T[] {
  return JSON.parse(fs.readFileSync(path.join(build.dir, `${name}.json`), "utf8")) as T[];
}

/** Row by row equality, with numbers compared to 9 significant digits. */
export function expectRows(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): void {
  expect(actual.length, `rows: ${JSON.stringify(actual)}`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i]!;
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [key, value] of Object.entries(want)) {
      const context = `row ${i} (${JSON.stringify(got)}), column ${key}`;
      if (typeof value === "number" && !Number.isInteger(value)) expect(got[key], context).toBeCloseTo(value, 9);
      else expect(got[key], context).toEqual(value);
    }
  });
}

export interface BuildRun {
  status: number | null;
  output: string;
  /** whether it ran without a network (unshare -n, where the machine allows it) */
  offline: boolean;
}

const canUnshare = spawnSync("unshare", ["-n", "true"]).status === 0;

export interface BuildOptions {
  /** the project to build in (a copy, for tests that change it) */
  project?: string;
  /** a shell command line the build runs under, e.g. "ulimit -f 64;" */
  shellPrefix?: string;
  /** gets the child process (the leader of its own process group) and each piece of output as it comes */
  watch?: (child: ChildProcess, output: () => string) => void;
}

/**
 * Runs `npm run build` (its script), without network where the machine allows it, with the test
 * configuration (CLICKSTREAM_CONFIG) unless `env` names another; resolves when it exits.
 */
export function buildSite(env: Record<string, string>, options: BuildOptions = {}): Promise<BuildRun> {
  const project = options.project ?? PROJECT_ROOT;
  const node = [process.execPath, "--import", "tsx", path.join(project, "data-loaders/cli/build.ts")];
  const command = canUnshare ? ["unshare", "-n", ...node] : node;
  const shell = options.shellPrefix ? ["bash", "-c", `${options.shellPrefix} exec ${command.map((a) => `'${a}'`).join(" ")}`] : command;
  const child = spawn(shell[0]!, shell.slice(1), {
    cwd: project,
    env: { ...process.env, CLICKSTREAM_BUILD_WAIT: "60", CLICKSTREAM_CONFIG: testConfigFile(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // its own process group, so that a test can kill the build with everything it started
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  options.watch?.(child, () => output);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output, offline: canUnshare }));
  });
}

/** A copy of the project (without data, caches, page data or output; with Framework's cache) that shares node_modules. */
export function copyProject(): string {
  const copy = path.join(tempDir(), "project");
  const skip = new Set(["node_modules", "data", ".cache", ".bench", "dist", ".git", "snapshots", ".site-roots"]);
  fs.cpSync(PROJECT_ROOT, copy, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(PROJECT_ROOT, source);
      return !skip.has(relative.split(path.sep)[0]!) && relative !== path.join("src", "data") && !relative.startsWith(`${path.join("src", ".observablehq")}${path.sep}build.lock`);
    },
  });
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(copy, "node_modules"));
  return copy;
}
