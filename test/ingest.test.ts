// Ingest: hand-made CSV files for each rule, checked against what lands in the partitions, the rejects
// file and the manifest.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { headerDifferences } from "../data-loaders/ingest/header.ts";
import { ingestFiles, type IngestResult } from "../data-loaders/ingest/ingest.ts";
import { readManifest } from "../data-loaders/ingest/manifest.ts";
import { recordLines } from "../data-loaders/ingest/stage.ts";
import { commitSwap, journalPath, planSwap, stagingFolder } from "../data-loaders/ingest/swap.ts";
import { monthFolder } from "../data-loaders/shared/layout.ts";
import { EVENT_COLUMNS, listPartitions } from "../data-loaders/shared/layout.ts";
import { PROJECT_ROOT, sqlString } from "../data-loaders/shared/sql-files.ts";
import { buildSnapshots } from "../data-loaders/snapshots/snapshots.ts";
import { EXPECTED_FUNNEL, EXPECTED_SESSIONS, FIXTURE_ROWS, type EventRow } from "./fixture.ts";
import { expectRows, readSnapshot, tempDir, testConfig, testSettings } from "./helpers.ts";

const HEADER = EVENT_COLUMNS.map((c) => c.name).join(",");

/** A CSV file as the real exports write it: times with " UTC", empty fields for NULL. */
function csvOf(rows: EventRow[]): string {
  const field = (v: string | number | null) => {
    const text = v === null ? "" : typeof v === "number" ? String(v) : v;
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = rows.map((r) => [`${r.event_time} UTC`, r.event_type, r.product_id, r.category_id, r.category_code, r.brand, r.price.toFixed(2), r.user_id, r.user_session].map(field).join(","));
  return `${HEADER}\n${lines.join("\n")}\n`;
}

function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function ingest(files: string[], out = tempDir()): Promise<IngestResult & { out: string }> {
  return { ...(await ingestFiles(files, { out, settings: testSettings(tempDir()) })), out };
}

async function partitionRows(out: string): Promise<Record<string, unknown>[]> {
  const files = listPartitions(out).flatMap((p) => p.files.map((f) => sqlString(f.path)));
  if (files.length === 0) return [];
  return withDatabase(testSettings(tempDir()), (db) =>
    db.rows(`SELECT month, strftime(event_time, '%Y-%m-%d %H:%M:%S') AS event_time, event_type, product_id, category_id, category_code, brand, price::DOUBLE AS price, user_id, user_session
             FROM read_parquet([${files.join(", ")}], hive_partitioning = true, filename = true) ORDER BY event_time, event_type, product_id, filename`),
  );
}

const GOOD = [
  `${HEADER}`,
  `2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-8bb3-4e00-8c23-a032dfed738c`,
  `2019-10-01 00:00:01 UTC,cart,3900821,2053013552326770905,appliances.environment.water_heater,"aqua, ""pro""",33.20,554748717,`,
  `2019-10-01 00:00:02 UTC,remove_from_cart,5773203,1487580005134238553,,,0.00,463240011,26dd6e6e-4dac-4778-8d2c-92e149dab885`,
];

describe("reading good files", () => {
  it("loads every record with its types, NULL for empty fields, quoted commas and quotes intact", async () => {
    const dir = tempDir();
    const { reports, failures, out } = await ingest([writeFile(dir, "2019-Oct.csv", `${GOOD.join("\n")}\n`)]);
    expect(failures).toEqual([]);
    expect(reports[0]).toMatchObject({ name: "2019-Oct", rowsRead: 3, rowsWritten: 3, rowsRejected: 0, months: [{ month: "2019-10", rows: 3 }] });
    // BIGINT values come back as text here, so that 19-digit category ids stay exact
    expect(await partitionRows(out)).toEqual([
      { month: "2019-10", event_time: "2019-10-01 00:00:00", event_type: "view", product_id: "44600062", category_id: "2103807459595387724", category_code: null, brand: "shiseido", price: 35.79, user_id: "541312140", user_session: "72d76fde-8bb3-4e00-8c23-a032dfed738c" },
      { month: "2019-10", event_time: "2019-10-01 00:00:01", event_type: "cart", product_id: "3900821", category_id: "2053013552326770905", category_code: "appliances.environment.water_heater", brand: 'aqua, "pro"', price: 33.2, user_id: "554748717", user_session: null },
      { month: "2019-10", event_time: "2019-10-01 00:00:02", event_type: "remove_from_cart", product_id: "5773203", category_id: "1487580005134238553", category_code: null, brand: null, price: 0, user_id: "463240011", user_session: "26dd6e6e-4dac-4778-8d2c-92e149dab885" },
    ]);
    const [file] = listPartitions(out)[0]!.files;
    const schema = await withDatabase(testSettings(tempDir()), (db) => db.rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file!.path)}, hive_partitioning = false)`));
    // the session ids are all canonical UUIDs, so they are stored as UUID
    expect(schema.map((c) => [c.column_name, c.column_type])).toEqual(EVENT_COLUMNS.map((c) => [c.name, c.name === "user_session" ? "UUID" : c.type]));
  });

  it("stores session ids as UUID only when every id is a canonical UUID, and keeps any other id as written", async () => {
    const dir = tempDir();
    const sessionType = async (out: string) => withDatabase(testSettings(tempDir()), (db) =>
      db.rows<{ t: string }>(`SELECT any_value(typeof(user_session)) AS t FROM read_parquet(${sqlString(listPartitions(out)[0]!.files[0]!.path)})`));
    const upper = "2019-10-01 00:00:03 UTC,view,1,2,,,1.00,3,72D76FDE-8BB3-4E00-8C23-A032DFED738C";
    const mixed = await ingest([writeFile(dir, "upper.csv", `${[...GOOD, upper].join("\n")}\n`)]);
    expect(await sessionType(mixed.out)).toEqual([{ t: "VARCHAR" }]);
    expect((await partitionRows(mixed.out)).map((r) => r.user_session)).toEqual([
      "72d76fde-8bb3-4e00-8c23-a032dfed738c", null, "26dd6e6e-4dac-4778-8d2c-92e149dab885", "72D76FDE-8BB3-4E00-8C23-A032DFED738C",
    ]);
    // a text id after more UUIDs than ingest looks at first: the file is read again and kept as text
    const uuidRows = Array.from({ length: 10_050 }, (_, i) => `2019-10-02 00:00:00 UTC,view,${i},2,,,1.00,3,00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const late = await ingest([writeFile(dir, "late.csv", `${[HEADER, ...uuidRows, "2019-10-03 00:00:00 UTC,view,1,2,,,1.00,3,session-7"].join("\n")}\n`)]);
    expect(late.failures).toEqual([]);
    expect(late.reports[0]).toMatchObject({ rowsRead: 10_051, rowsWritten: 10_051, rowsRejected: 0 });
    expect(await sessionType(late.out)).toEqual([{ t: "VARCHAR" }]);
    expect((await partitionRows(late.out)).at(-1)!.user_session).toBe("session-7");
  });

  it("reads gzip and CRLF line endings the same way", async () => {
    const dir = tempDir();
    const plain = await ingest([writeFile(dir, "plain.csv", `${GOOD.join("\n")}\n`)]);
    const crlf = await ingest([writeFile(dir, "crlf.csv", `${GOOD.join("\r\n")}\r\n`)]);
    const gz = await ingest([writeFile(dir, "zipped.csv.gz", zlib.gzipSync(`${GOOD.join("\r\n")}\r\n`))]);
    expect(gz.reports[0]!.name).toBe("zipped");
    const rows = await partitionRows(plain.out);
    expect(rows).toHaveLength(3);
    expect(await partitionRows(crlf.out)).toEqual(rows);
    expect(await partitionRows(gz.out)).toEqual(rows);
  });

  it("puts the rows of a file spanning several months in each month's partition", async () => {
    const dir = tempDir();
    const lines = [HEADER, "2019-10-31 23:59:59 UTC,view,1,2,,,1.00,3,s", "2019-11-01 00:00:00 UTC,view,1,2,,,1.00,3,s", "2019-12-15 12:00:00 UTC,purchase,1,2,,,1.00,3,s"];
    const { reports, out } = await ingest([writeFile(dir, "span.csv", `${lines.join("\n")}\n`)]);
    expect(reports[0]!.months).toEqual([{ month: "2019-10", rows: 1 }, { month: "2019-11", rows: 1 }, { month: "2019-12", rows: 1 }]);
    expect(listPartitions(out).map((p) => [p.month, p.files.map((f) => path.basename(f.path))])).toEqual([
      ["2019-10", ["span.parquet"]], ["2019-11", ["span.parquet"]], ["2019-12", ["span.parquet"]],
    ]);
  });

  it("accepts a file with only the header (no rows)", async () => {
    const { reports, failures, out } = await ingest([writeFile(tempDir(), "none.csv", `${HEADER}\n`)]);
    expect(failures).toEqual([]);
    expect(reports[0]).toMatchObject({ rowsRead: 0, rowsWritten: 0, rowsRejected: 0, months: [] });
    expect(listPartitions(out)).toEqual([]);
  });
});

describe("bad input", () => {
  const BAD = [
    HEADER,
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,1.00,5,s1", // 2 good
    "2019-13-01 00:00:00 UTC,view,1,2,a.b,x,1.00,5,s1", // 3 month 13
    "2019-10-01 00:00:00 UTC,click,1,2,a.b,x,1.00,5,s1", // 4 unknown event type
    "2019-10-01 00:00:00 UTC,view,1.48758E+18,2,a.b,x,1.00,5,s1", // 5 spreadsheet-mangled id
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,abc,5,s1", // 6 non-numeric price
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,-3.00,5,s1", // 7 negative price
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,1.00,5", // 8 too few fields
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,1.00,5,s1,extra", // 9 too many fields
    "2019-10-01 00:00:00 UTC,view,,2,a.b,x,1.00,5,s1", // 10 empty product_id
    '2019-10-01 00:00:00 UTC,view,1,2,"a,b","q""x",1.00,5,s1', // 11 good, quoted
    "2019-10-01 00:00:00 +03,view,1,2,a.b,x,1.00,5,s1", // 12 not UTC
    "2019-10-01 00:00:00 UTC,view,1,2,a.b,x,1.00,5,s1", // 13 good
    "2019-10-01 00:00:00 UTC,view,1,2,a.b", // 14 truncated last line, no newline
  ].join("\n");

  it("sets aside each bad row with its line and reason, and the counts reconcile", async () => {
    const { reports, out } = await ingest([writeFile(tempDir(), "bad.csv", BAD)]);
    const report = reports[0]!;
    expect(report).toMatchObject({ rowsRead: 13, rowsWritten: 3, rowsRejected: 10 });
    expect(report.rowsRead).toBe(report.rowsWritten + report.rowsRejected);
    expect(await partitionRows(out)).toHaveLength(3);
    const rejects = fs.readFileSync(path.join(out, report.rejectsFile!), "utf8").trim().split("\n");
    expect(rejects[0]).toBe("file,line,reason,record");
    expect(rejects.slice(1).map((line) => line.split(",").slice(0, 2).join(",") + " | " + line.match(/^"[^"]*",\d+,"((?:[^"]|"")*)"/)![1]!.replaceAll('""', '"'))).toEqual([
      '"bad.csv",3 | event_time "2019-13-01 00:00:00 UTC" is not a time like 2019-10-01 00:00:00 UTC',
      '"bad.csv",4 | unknown event_type "click"',
      '"bad.csv",5 | product_id "1.48758E+18" is not an integer',
      '"bad.csv",6 | price "abc" is not a number with at most two decimals',
      '"bad.csv",7 | price -3.00 is negative',
      '"bad.csv",8 | 8 fields, expected 9',
      '"bad.csv",9 | 10 fields, expected 9',
      '"bad.csv",10 | product_id is empty',
      '"bad.csv",12 | event_time "2019-10-01 00:00:00 +03" is not a time like 2019-10-01 00:00:00 UTC',
      '"bad.csv",14 | 5 fields, expected 9',
    ]);
  });

  it.each([
    ["a missing column", HEADER.replace(",brand", ""), ["missing column: brand"]],
    ["an extra column", `${HEADER},extra`, ["unexpected column: extra"]],
    ["a renamed column", HEADER.replace("product_id", "productid"), ["missing column: product_id", "unexpected column: productid", 'column 3 is "productid", expected "product_id"']],
  ])("refuses a header with %s, listing the differences, and writes nothing", async (_, header, differences) => {
    expect(headerDifferences(header)).toEqual(expect.arrayContaining(differences));
    const { reports, failures, out } = await ingest([writeFile(tempDir(), "2019-Oct.csv", `${header}\n${GOOD[1]}\n`)]);
    expect(reports).toEqual([]);
    expect(failures[0]!.message).toContain("2019-Oct.csv, line 1: the header is not the expected columns");
    for (const difference of differences) expect(failures[0]!.message).toContain(difference);
    expect(listPartitions(out)).toEqual([]);
    expect(readManifest(out).files).toEqual({});
  });

  it("refuses an empty file, and goes on with the next file", async () => {
    const dir = tempDir();
    const { reports, failures } = await ingest([writeFile(dir, "empty.csv", ""), writeFile(dir, "good.csv", `${GOOD.join("\n")}\n`)]);
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/empty\.csv: the file is empty/)]);
    expect(reports.map((r) => r.name)).toEqual(["good"]);
  });

  it("refuses a gzip file that breaks off half way, naming it, and writes nothing", async () => {
    const lines = [HEADER, ...Array.from({ length: 20_000 }, (_, i) => `2019-10-01 00:00:00 UTC,view,${i},2,,,1.00,3,s${i}`)];
    const zipped = zlib.gzipSync(`${lines.join("\n")}\n`);
    const file = writeFile(tempDir(), "broken.csv.gz", zipped.subarray(0, Math.floor(zipped.length / 2)));
    const { reports, failures, out } = await ingest([file]);
    expect(reports).toEqual([]);
    expect(failures.map((f) => f.message)).toEqual([expect.stringContaining(`${file}: `)]);
    expect(failures[0]!.message).toContain("nothing of it was written");
    expect(listPartitions(out)).toEqual([]);
    expect(fs.readdirSync(path.join(out, "_ingest")).filter((name) => name.startsWith(".staging-"))).toEqual([]);
  });

  it("numbers the lines after rows the CSV reader set aside", () => {
    // lines 3 and 6 set aside: records 1, 2, 3, 4 are lines 2, 4, 5, 7
    expect(recordLines([1, 2, 3, 4], [3, 6])).toEqual([2, 4, 5, 7]);
    expect(recordLines([1, 2], [])).toEqual([2, 3]);
  });
});

describe("replacing and adding files", () => {
  it("re-ingesting a file replaces what it wrote; another file for the same month adds up", async () => {
    const dir = tempDir();
    const out = tempDir();
    const two = writeFile(dir, "a.csv", [HEADER, "2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3,s", "2019-11-01 00:00:00 UTC,view,1,2,,,1.00,3,s"].join("\n"));
    await ingest([two], out);
    await ingest([two], out);
    expect(await partitionRows(out)).toHaveLength(2);
    // a.csv again, now with October only: its November file goes away
    writeFile(dir, "a.csv", [HEADER, "2019-10-02 00:00:00 UTC,cart,1,2,,,1.00,3,s"].join("\n"));
    await ingest([path.join(dir, "a.csv")], out);
    expect((await partitionRows(out)).map((r) => [r.month, r.event_type])).toEqual([["2019-10", "cart"]]);
    // b.csv, also October: both count
    await ingest([writeFile(dir, "b.csv", [HEADER, "2019-10-03 00:00:00 UTC,purchase,1,2,,,1.00,3,s"].join("\n"))], out);
    expect((await partitionRows(out)).map((r) => [r.month, r.event_type])).toEqual([["2019-10", "cart"], ["2019-10", "purchase"]]);
    expect(Object.keys(readManifest(out).files).sort()).toEqual(["a", "b"]);
  });

  it("records each file in the manifest: size, content fingerprint, rows, months, when", async () => {
    const file = writeFile(tempDir(), "2019-Oct.csv.gz", zlib.gzipSync(`${GOOD.join("\n")}\n`));
    const { out } = await ingest([file]);
    const entry = readManifest(out).files["2019-Oct"]!;
    expect(entry).toMatchObject({
      name: "2019-Oct",
      bytes: fs.statSync(file).size,
      fingerprint: `sha256:${createHash("sha256").update(fs.readFileSync(file)).digest("hex")}`,
      rowsRead: 3,
      rowsWritten: 3,
      rowsRejected: 0,
      months: [{ month: "2019-10", rows: 3 }],
      rejectsFile: null,
    });
    expect(Date.parse(entry.ingestedAt)).toBeGreaterThan(Date.now() - 600_000);
  });

  it("an interrupted ingest leaves the previous partitions as they were", async () => {
    const dir = tempDir();
    const out = tempDir();
    await ingest([writeFile(dir, "big.csv", `${GOOD.join("\n")}\n`)], out);
    const before = await partitionRows(out);
    // a much larger big.csv, killed while it is being read
    const line = GOOD[1]!;
    fs.writeFileSync(path.join(dir, "big.csv"), `${HEADER}\n${`${line}\n`.repeat(3_000_000)}`);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "data-loaders/cli/ingest.ts"), "--out", out, path.join(dir, "big.csv")], { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect(await partitionRows(out)).toEqual(before);
    expect(readManifest(out).files.big!.rowsRead).toBe(3);
    // the next run takes over the abandoned lock and succeeds
    const { reports } = await ingest([writeFile(dir, "big.csv", `${GOOD.join("\n")}\n`)], out);
    expect(reports[0]!.rowsWritten).toBe(3);
  });
});

describe("swapping a file in, all or nothing", () => {
  it("a swap decided but cut off half way is finished by the next ingest, and no build reads the folder meanwhile", async () => {
    const dir = tempDir();
    const out = tempDir();
    const version = (type: string) => [HEADER, `2019-10-31 23:00:00 UTC,${type},1,2,,,1.00,3,s`, `2019-11-01 01:00:00 UTC,${type},1,2,,,1.00,3,s`].join("\n");
    await ingest([writeFile(dir, "a.csv", version("view"))], out);
    // the next version of a.csv, staged elsewhere, then swapped in by hand: journal written, October moved,
    // and then the process dies before November
    const next = await ingest([writeFile(tempDir(), "a.csv", version("cart"))]);
    const staging = stagingFolder(out, "a");
    for (const month of ["2019-10", "2019-11"]) {
      fs.mkdirSync(monthFolder(staging, month), { recursive: true });
      fs.copyFileSync(path.join(monthFolder(next.out, month), "a.parquet"), path.join(monthFolder(staging, month), "part.parquet"));
    }
    const plan = planSwap(out, staging, next.reports[0]!, readManifest(out).files.a, null);
    commitSwap(out, plan);
    fs.renameSync(path.join(out, plan.moves[0]!.from), path.join(out, plan.moves[0]!.to));
    expect((await partitionRows(out)).map((r) => [r.month, r.event_type])).toEqual([["2019-10", "cart"], ["2019-11", "view"]]);

    const cache = tempDir();
    await expect(buildSnapshots({ dataRoot: out, cacheDir: cache, settings: testSettings(cache), config: testConfig() }))
      .rejects.toThrow(/an ingest into .* is running or was interrupted half way .*swap\.json.*run npm run ingest to finish it/);

    const { recovered, reports } = await ingest([], out);
    expect([recovered, reports]).toEqual(["a", []]);
    expect((await partitionRows(out)).map((r) => [r.month, r.event_type])).toEqual([["2019-10", "cart"], ["2019-11", "cart"]]);
    expect(readManifest(out).files.a!.ingestedAt).toBe(next.reports[0]!.ingestedAt);
    expect(fs.existsSync(journalPath(out))).toBe(false);
    expect(fs.readdirSync(path.join(out, "_ingest")).filter((name) => name.startsWith(".staging-"))).toEqual([]);
  });
});

describe("from CSV to snapshots", () => {
  it("the fixture as a CSV export gives the same snapshots as the fixture itself", async () => {
    const out = tempDir();
    const { reports } = await ingest([writeFile(tempDir(), "fixture.csv", csvOf(FIXTURE_ROWS))], out);
    expect(reports[0]).toMatchObject({ rowsRead: FIXTURE_ROWS.length, rowsRejected: 0 });
    const cache = tempDir();
    const build = await buildSnapshots({ dataRoot: out, cacheDir: cache, settings: testSettings(cache), config: testConfig() });
    expectRows(readSnapshot(build, "funnel"), EXPECTED_FUNNEL);
    expectRows(readSnapshot(build, "sessions"), EXPECTED_SESSIONS);
  });
});

const REAL = path.resolve(PROJECT_ROOT, "../shared/data/real");
describe.skipIf(!fs.existsSync(REAL))("the real sample files in ../shared (when present)", () => {
  it("ingest with every row accounted for, remove_from_cart included", async () => {
    const files = fs.readdirSync(REAL).filter((f) => f.endsWith(".csv")).map((f) => path.join(REAL, f));
    const { reports, failures, out } = await ingest(files);
    expect(failures).toEqual([]);
    for (const r of reports) expect(r.rowsRead).toBe(r.rowsWritten + r.rowsRejected);
    const lines = files.reduce((sum, f) => sum + fs.readFileSync(f, "utf8").trim().split("\n").length - 1, 0);
    expect(reports.reduce((sum, r) => sum + r.rowsRead, 0)).toBe(lines);
    const types = (await partitionRows(out)).map((r) => r.event_type);
    expect(new Set(types)).toEqual(new Set(["view", "cart", "purchase", "remove_from_cart"]));
  });
});

describe("source drift: each file's profile, compared with the files before it", () => {
  // A normal month (Oct 2019), then November as a drifted export: a new event type, brand empty twice as
  // often, prices in cents, user ids from another system, and ten times the rows per day.
  const base = { product_id: 100, category_id: 7, category_code: "a.b", price: 10, user_session: null };
  const october = Array.from({ length: 40 }, (_, i): EventRow => ({
    ...base, event_time: `2019-10-${String(1 + (i % 4)).padStart(2, "0")} 10:00:${String(i).padStart(2, "0")}`, event_type: i % 10 === 0 ? "purchase" : "view",
    product_id: 100 + (i % 5), brand: i % 10 < 2 ? null : "acme", price: 10 + (i % 4), user_id: 1000 + (i % 8),
  }));
  // 4 days of 10 rows; 2 of 10 without brand (20%); prices 10 to 13 (median 11); users 1000 to 1007
  const november = Array.from({ length: 400 }, (_, i): EventRow => ({
    ...base, event_time: `2019-11-${String(1 + (i % 4)).padStart(2, "0")} 10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
    event_type: i % 10 === 0 ? "purchase" : i % 10 === 1 ? "remove_from_cart" : "view",
    product_id: 100 + (i % 5), brand: i % 10 < 4 ? null : "acme", price: (10 + (i % 4)) * 100, user_id: 900000 + (i % 8),
  }));
  const files = () => {
    const dir = tempDir();
    return [writeFile(dir, "2019-Oct.csv", csvOf(october)), writeFile(dir, "2019-Nov.csv", csvOf(november))];
  };

  it("records the profile of each file in the manifest, worked out by hand", async () => {
    const { out } = await ingest(files().slice(0, 1));
    const profile = readManifest(out).files["2019-Oct"]!.profile!;
    expect(profile).toMatchObject({
      columns: EVENT_COLUMNS.map((c) => c.name), rows: 40, firstEvent: "2019-10-01 10:00:00", lastEvent: "2019-10-04 10:00:39", days: 4,
      eventTypes: { view: 36, purchase: 4 }, empty: { category_code: 0, brand: 8, user_session: 40, price_zero: 0 },
      ids: { product_id: ["100", "102", "104"], category_id: ["7", "7", "7"], user_id: ["1000", "1003", "1007"] },
      distinct: { users: 8, products: 5, sessions: 0 },
    });
    // prices 10, 11, 12, 13 ten times each: the values at ranks floor(q × 39) of the 40 sorted, 0, 9, 19, 29, 39
    expect(profile.price).toEqual([10, 10, 11, 12, 13]);
  });

  it("reports a new event type, a doubled empty share, prices in cents, ids in a new range and the volume per day, with the figures side by side", async () => {
    const { out, reports, failures } = await ingest(files());
    expect(failures).toEqual([]);
    const drift = reports[1]!.drift!;
    expect(drift.map((d) => d.check)).toEqual(["event_types", "empty_share", "price_scale", "id_range", "daily_volume"]);
    expect(drift.every((d) => d.severity === "warn" && d.file === "2019-Nov.csv")).toBe(true);
    expect(drift[0]!.message).toBe('a new event type "remove_from_cart" (40 rows), not in the earlier file');
    expect(drift[1]!.figures).toEqual([["share with empty brand", "40.0%", "20.0%"]]);
    expect(drift[2]!.figures[0]).toEqual(["median price", "1,100", "11"]);
    expect(drift[2]!.message).toContain("100 times higher");
    expect(drift[3]!.message).toBe("the median user_id 900003 lies outside the range of the earlier file, 1000 to 1007 (ids from another system?)");
    expect(drift[4]!.figures[0]).toEqual(["rows per day", "100", "10"]);
    // recorded with the file, where the build finds it for the digest and the Data quality page
    expect(readManifest(out).files["2019-Nov"]!.drift).toEqual(drift);
    // the first file has nothing to compare with
    expect(reports[0]!.drift).toEqual([]);
  });

  it("a check set to block stops the file, naming the figures; one set to off says nothing", async () => {
    const drift = { ...testConfig().drift, priceScale: { factor: 5, action: "block" as const }, eventTypes: { action: "off" as const } };
    const out = tempDir();
    const result = await ingestFiles(files(), { out, settings: testSettings(tempDir()), drift });
    expect(result.reports.map((r) => r.name)).toEqual(["2019-Oct"]);
    expect(result.failures[0]!.message).toMatch(/2019-Nov\.csv: departs from the files before it .*nothing was written:\n {2}- the median price is 1,100, against 11 in the earlier file: 100 times/);
    expect(listPartitions(out).map((p) => p.month)).toEqual(["2019-10"]);
    expect(readManifest(out).files["2019-Nov"]).toBeUndefined();
  });
});
