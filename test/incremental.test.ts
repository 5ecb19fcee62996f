// Incremental builds: reusing the cached rollups of unchanged months gives exactly what a build from
// scratch gives, including sessions that cross a month end and distinct users across months.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { generateDemo } from "../data-loaders/demo/generate.ts";
import { listPartitions, monthFolder } from "../data-loaders/shared/layout.ts";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import { sqlString } from "../data-loaders/shared/sql-files.ts";
import { EXPECTED_SESSIONS, FIXTURE_ROWS, type EventRow } from "./fixture.ts";
import { expectRows, readSnapshot, tempDir, testConfig, testSettings, writePartitions } from "./helpers.ts";

async function build(dataRoot: string, cacheDir: string): Promise<SnapshotBuild> {
  return buildSnapshots({ dataRoot, cacheDir, settings: testSettings(cacheDir), config: testConfig() });
}

/** Every snapshot of a build, as the text of its Parquet file's rows (JSON), by name. */
function contents(b: SnapshotBuild): Record<string, string> {
  return Object.fromEntries(b.snapshots.map((s) => [s.name, fs.readFileSync(path.join(b.dir, `${s.name}.json`), "utf8")]));
}

describe("incremental builds", () => {
  // the data and its build from scratch are made first (a hook of their own: under the time limit of one test on a busy machine)
  let all: string;
  let scratch: SnapshotBuild;
  beforeAll(async () => {
    // four months of generated events: three month ends to cross, without the rollups of seven months per build
    const generated = tempDir();
    await generateDemo({ events: 60_000, seed: 31, out: generated, settings: testSettings(tempDir()) });
    all = tempDir();
    for (const p of listPartitions(generated).slice(0, 4)) fs.cpSync(p.dir, monthFolder(all, p.month), { recursive: true, preserveTimestamps: true });
    scratch = await build(all, tempDir());
  });

  it("adding a month rescans only that month and gives what a build from scratch gives", async () => {
    const partitions = listPartitions(all);
    const growing = tempDir();
    for (const p of partitions.slice(0, -1)) fs.cpSync(p.dir, monthFolder(growing, p.month), { recursive: true, preserveTimestamps: true });

    const cache = tempDir();
    const before = await build(growing, cache);
    expect(before.months.every((m) => !m.reused)).toBe(true);
    const last = partitions.at(-1)!;
    fs.cpSync(last.dir, monthFolder(growing, last.month), { recursive: true, preserveTimestamps: true });
    const after = await build(growing, cache);
    expect(after.months.map((m) => m.reused)).toEqual([...partitions.slice(0, -1).map(() => true), false]);

    expect(scratch.months.every((m) => !m.reused)).toBe(true);
    const [incremental, fresh] = [contents(after), contents(scratch)];
    expect(Object.keys(incremental).sort()).toEqual(Object.keys(fresh).sort());
    for (const name of Object.keys(fresh)) expect(incremental[name], name).toBe(fresh[name]);

    // nothing changed: reused as is, without opening a database
    const again = await build(growing, cache);
    expect(again.reused).toBe(true);
    expect(again.key).toBe(after.key);
  });

  it("a changed month is scanned again, the others are not", async () => {
    const root = tempDir();
    await writePartitions(root, FIXTURE_ROWS);
    const cache = tempDir();
    await build(root, cache);
    // November rewritten with one row less (the last duplicate cart row of S3)
    const withoutOne = FIXTURE_ROWS.filter((_, i) => i !== 12);
    const november = listPartitions(root).find((p) => p.month === "2019-11")!;
    fs.rmSync(november.dir, { recursive: true });
    await writePartitions(root, withoutOne.filter((r) => r.event_time.startsWith("2019-11")));
    const rebuilt = await build(root, cache);
    expect(rebuilt.months.map((m) => [m.month, m.reused])).toEqual([["2019-10", true], ["2019-11", false], ["2019-12", true]]);
    const funnel = readSnapshot<{ event_type: string; events: number }>(rebuilt, "funnel");
    expect(funnel.find((r) => r.event_type === "cart")!.events).toBe(8);
  });

  it("a changed month makes the later months look again for sessions they share with it", async () => {
    // October first without S1 (which crosses into November), then with it: November's rollups are
    // reused, but what it shares with October must be found again, or S1 would count twice
    const root = tempDir();
    const october = FIXTURE_ROWS.filter((r) => r.event_time.startsWith("2019-10"));
    const otherOctober = [{ ...october[0]!, event_time: "2019-10-15 12:00:00", user_session: "S10" }];
    await writePartitions(root, [...otherOctober, ...FIXTURE_ROWS.filter((r) => !r.event_time.startsWith("2019-10"))]);
    const cache = tempDir();
    await build(root, cache);
    fs.rmSync(monthFolder(root, "2019-10"), { recursive: true });
    await writePartitions(root, october);
    const rebuilt = await build(root, cache);
    expect(rebuilt.months.map((m) => [m.month, m.reused])).toEqual([["2019-10", false], ["2019-11", true], ["2019-12", true]]);
    expectRows(readSnapshot(rebuilt, "sessions"), EXPECTED_SESSIONS);
    const scratch = await build(root, tempDir());
    const [incremental, fresh] = [contents(rebuilt), contents(scratch)];
    for (const name of Object.keys(fresh)) expect(incremental[name], name).toBe(fresh[name]);
  });

  it("merges a session that reaches another month from far from the month's edges", async () => {
    // S9: a view on November 10 and a purchase on December 20 (neither near a month end), counted once
    const longSession: EventRow[] = [
      { event_time: "2019-11-10 12:00:00", event_type: "view", product_id: 700, category_id: 70, category_code: null, brand: null, price: 1, user_id: 9, user_session: "S9" },
      { event_time: "2019-12-20 12:00:00", event_type: "purchase", product_id: 700, category_id: 70, category_code: null, brand: null, price: 1, user_id: 9, user_session: "S9" },
    ];
    const root = tempDir();
    await writePartitions(root, [...FIXTURE_ROWS, ...longSession]);
    const b = await build(root, tempDir());
    const sessions = readSnapshot(b, "sessions");
    // S9 lasts 40 days (3,456,000 s) with 2 events and a purchase: purchasers are now S1, S2, S5, S8, S9
    const purchaser = { ...EXPECTED_SESSIONS[0]!, sessions: 5, mean_duration_s: (690 + 3_456_000) / 5, median_duration_s: 180, mean_events: 14 / 5, median_events: 3 };
    expectRows(sessions, [purchaser, EXPECTED_SESSIONS[1]!]);
    const funnel = readSnapshot<{ event_type: string; sessions: number }>(b, "funnel");
    expect(funnel.find((r) => r.event_type === "view")!.sessions).toBe(9);
  });
});

describe("session ids stored as UUID", () => {
  // the fixture (plus S9, which reaches December from far from the month's edges) with UUIDs for ids
  const uuid = (id: string) => `00000000-0000-4000-8000-${id.slice(1).padStart(12, "0")}`;
  const s9: EventRow[] = [
    { event_time: "2019-11-10 12:00:00", event_type: "view", product_id: 700, category_id: 70, category_code: null, brand: null, price: 1, user_id: 9, user_session: "S9" },
    { event_time: "2019-12-20 12:00:00", event_type: "purchase", product_id: 700, category_id: 70, category_code: null, brand: null, price: 1, user_id: 9, user_session: "S9" },
  ];
  const rows = [...FIXTURE_ROWS, ...s9].map((r) => ({ ...r, user_session: r.user_session && uuid(r.user_session) }));
  const inMonth = (month: string) => rows.filter((r) => r.event_time.startsWith(month));

  it("give the same snapshots as text ids, and so does a mix of both layouts", async () => {
    const text = tempDir();
    await writePartitions(text, rows);
    const uuids = tempDir();
    await writePartitions(uuids, rows, "part-0.parquet", true);
    // October and December as UUID; November as two files, one of each layout
    const mixed = tempDir();
    await writePartitions(mixed, [...inMonth("2019-10"), ...inMonth("2019-12")], "part-0.parquet", true);
    await writePartitions(mixed, inMonth("2019-11").filter((_, i) => i % 2 === 0), "part-0.parquet", true);
    await writePartitions(mixed, inMonth("2019-11").filter((_, i) => i % 2 === 1), "part-1.parquet", false);

    const fromText = await build(text, tempDir());
    const fromUuids = await build(uuids, tempDir());
    const fromMixed = await build(mixed, tempDir());
    const storedAs = await withDatabase(testSettings(tempDir()), (db) => db.rows<{ file_name: string; logical_type: string | null }>(
      `SELECT file_name, logical_type FROM parquet_schema(${sqlString(`${mixed}/*/*.parquet`)}) WHERE name = 'user_session' ORDER BY file_name`));
    expect(storedAs.map((s) => [path.relative(mixed, s.file_name), s.logical_type])).toEqual([
      ["month=2019-10/part-0.parquet", "UUIDType()"], ["month=2019-11/part-0.parquet", "UUIDType()"],
      ["month=2019-11/part-1.parquet", null], ["month=2019-12/part-0.parquet", "UUIDType()"],
    ]);
    const expected = contents(fromText);
    for (const [name, got] of [["UUID", fromUuids], ["mixed", fromMixed]] as const) {
      const actual = contents(got);
      for (const snapshot of Object.keys(expected)) expect(actual[snapshot], `${name}: ${snapshot}`).toBe(expected[snapshot]);
    }
    // and the figures are the hand-worked ones (S9 counted once across November and December)
    expect(readSnapshot<{ event_type: string; sessions: number }>(fromMixed, "funnel").find((r) => r.event_type === "view")!.sessions).toBe(9);
  });
});
