// The customer snapshots (acquisition, retention, lifecycle, customers, segments) against figures worked
// out by hand on customer-fixture.ts, a one-day data range, and the segment rules for every score.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { readSql } from "../data-loaders/shared/sql-files.ts";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import {
  CUSTOMER_ROWS, EXPECTED_ACQUISITION, EXPECTED_CUSTOMERS, EXPECTED_LIFECYCLE, EXPECTED_RETENTION_MONTHLY, EXPECTED_RETENTION_WEEKLY_CELLS,
  EXPECTED_RETENTION_WEEKLY_ROWS, EXPECTED_SEGMENTS,
} from "./customer-fixture.ts";
import { buildFromRows, expectRows, readSnapshot, tempDir, testConfig, testSettings, writePartitions } from "./helpers.ts";

type Row = Record<string, unknown>;
let build: SnapshotBuild;
beforeAll(async () => {
  ({ build } = await buildFromRows(CUSTOMER_ROWS));
});

describe("customer snapshots of the hand-made customer fixture", () => {
  it("acquisition: active, new and returning users, buyers and new buyers per day, week and month", () => {
    expectRows(readSnapshot(build, "acquisition"), EXPECTED_ACQUISITION);
  });

  it("lifecycle: new, returning, resurrecting and dormant users and buyers per month", () => {
    expectRows(readSnapshot(build, "lifecycle"), EXPECTED_LIFECYCLE);
  });

  it("retention by month: every cohort with every period up to the last, zeros included", () => {
    expectRows(readSnapshot<Row>(build, "retention").filter((r) => r.grain === "month"), EXPECTED_RETENTION_MONTHLY);
  });

  it("retention by week: a week across a month end counts once, the first week is incomplete", () => {
    const weekly = readSnapshot<Row>(build, "retention").filter((r) => r.grain === "week" && r.basis === "activity");
    expect(weekly).toHaveLength(EXPECTED_RETENTION_WEEKLY_ROWS.activity);
    for (const cell of EXPECTED_RETENTION_WEEKLY_CELLS) {
      expect(weekly.find((r) => r.cohort === cell.cohort && r.period_index === cell.period_index), JSON.stringify(cell)).toMatchObject(cell);
    }
    // index 0 holds the whole cohort, in every cohort of both bases and grains
    for (const r of readSnapshot<Row>(build, "retention").filter((r) => r.period_index === 0)) expect(r.retained_users).toBe(r.cohort_users);
  });

  it("customers: recency, frequency and money, scores with ties at the quintile boundaries, segments", () => {
    expectRows(readSnapshot(build, "customers"), EXPECTED_CUSTOMERS);
  });

  it("segments: buyers and revenue per segment, in the listed order", () => {
    const rows = readSnapshot<Row>(build, "segments");
    expectRows(rows.map(({ meaning: _, ...rest }) => rest), EXPECTED_SEGMENTS);
    expect(rows.every((r) => typeof r.meaning === "string" && r.meaning.length > 10)).toBe(true);
  });
});

describe("a one-day data range", () => {
  it("has one period per grain, complete only at day grain, and a lifecycle of new users only", async () => {
    const rows = [
      { event_time: "2020-03-04 08:00:00", event_type: "view", product_id: 1, category_id: 1, category_code: null, brand: null, price: 10, user_id: 1, user_session: "s1" },
      { event_time: "2020-03-04 09:00:00", event_type: "purchase", product_id: 1, category_id: 1, category_code: null, brand: null, price: 10, user_id: 1, user_session: "s1" },
      { event_time: "2020-03-04 10:00:00", event_type: "purchase", product_id: 2, category_id: 1, category_code: null, brand: null, price: 30, user_id: 2, user_session: "s2" },
      { event_time: "2020-03-04 11:00:00", event_type: "view", product_id: 2, category_id: 1, category_code: null, brand: null, price: 30, user_id: 3, user_session: "s3" },
    ];
    const { build: oneDay } = await buildFromRows(rows);
    expect(readSnapshot<Row>(oneDay, "acquisition").map((r) => [r.grain, r.period, r.active_users, r.new_users, r.buyers, r.complete])).toEqual([
      ["day", "2020-03-04", 3, 3, 2, true], ["week", "2020-03-02", 3, 3, 2, false], ["month", "2020-03-01", 3, 3, 2, false],
    ]);
    expect(readSnapshot<Row>(oneDay, "retention").map((r) => [r.basis, r.grain, r.period_index, r.cohort_users, r.retained_users])).toEqual([
      ["activity", "month", 0, 3, 3], ["activity", "week", 0, 3, 3], ["purchase", "month", 0, 2, 2], ["purchase", "week", 0, 2, 2],
    ]);
    expect(readSnapshot<Row>(oneDay, "lifecycle")).toEqual([
      { basis: "activity", month: "2020-03-01", new: 3, returning: 0, resurrecting: 0, dormant: 0 },
      { basis: "purchase", month: "2020-03-01", new: 2, returning: 0, resurrecting: 0, dormant: 0 },
    ]);
    // two buyers, both on the last day: the same recency, both r5. Revenue 10 and 30: the quintiles (the
    // 1st, 1st, 2nd and 2nd smallest of two) are 10, 10, 30, 30, so 10 scores m1 and 30 m3
    expect(readSnapshot<Row>(oneDay, "customers").map((r) => [r.user_id, r.recency_days, r.r_score, r.m_score])).toEqual([[1, 0, 5, 1], [2, 0, 5, 3]]);
  });
});

describe("a month without data between two months", () => {
  it("has its lifecycle and retention rows: nobody active, the month before's users dormant", async () => {
    const event = (time: string, user: number, type = "view") =>
      ({ event_time: time, event_type: type, product_id: 1, category_id: 1, category_code: null, brand: null, price: 10, user_id: user, user_session: `s${user}-${time.slice(0, 7)}` });
    // January: users 1 and 2 (1 buys); February: no event at all (allowed); March: user 1 again, user 3 new
    const config = testConfig();
    config.gates.allowMonthGaps = true;
    const { build: gap } = await buildFromRows([
      event("2020-01-10 08:00:00", 1), event("2020-01-10 08:05:00", 1, "purchase"), event("2020-01-20 08:00:00", 2),
      event("2020-03-05 08:00:00", 1), event("2020-03-06 08:00:00", 3),
    ], config);
    expect(readSnapshot<Row>(gap, "lifecycle").map((r) => [r.basis, r.month, r.new, r.returning, r.resurrecting, r.dormant])).toEqual([
      ["activity", "2020-01-01", 2, 0, 0, 0], ["activity", "2020-02-01", 0, 0, 0, 2], ["activity", "2020-03-01", 1, 0, 1, 0],
      ["purchase", "2020-01-01", 1, 0, 0, 0], ["purchase", "2020-02-01", 0, 0, 0, 1], ["purchase", "2020-03-01", 0, 0, 0, 0],
    ]);
    const monthly = readSnapshot<Row>(gap, "retention").filter((r) => r.grain === "month");
    expect(monthly.map((r) => [r.basis, r.cohort, r.period_index, r.cohort_users, r.retained_users])).toEqual([
      ["activity", "2020-01-01", 0, 2, 2], ["activity", "2020-01-01", 1, 2, 0], ["activity", "2020-01-01", 2, 2, 1],
      ["activity", "2020-03-01", 0, 1, 1],
      ["purchase", "2020-01-01", 0, 1, 1], ["purchase", "2020-01-01", 1, 1, 0], ["purchase", "2020-01-01", 2, 1, 0],
    ]);
  });
});

/** The segment rules as the issue states them, written independently of the SQL. */
function segmentOf(r: number, f: number, m: number): string {
  if (r >= 4) return f >= 4 ? "Champions" : f >= 2 ? "Potential loyalists" : "New customers";
  if (r === 3) return f >= 3 ? "Loyal" : "Need attention";
  if (f >= 3) return m === 5 ? "Can't lose them" : "At risk";
  return r === 2 ? "Hibernating" : "Lost";
}

describe("RFM segments", () => {
  it("every combination of scores gets the segment the rules give, and every segment is listed", async () => {
    const rows = await withDatabase(testSettings(tempDir()), async (db) => {
      await db.run(readSql("macros"));
      return db.rows<{ r: number; f: number; m: number; segment: string; listed: boolean }>(`
        SELECT r, f, m, rfm_segment(r, f, m) AS segment, segment IN (SELECT segment FROM rfm_segments()) AS listed
        FROM range(1, 6) a(r), range(1, 6) b(f), range(1, 6) c(m)`);
    });
    expect(rows).toHaveLength(125);
    for (const { r, f, m, segment, listed } of rows) {
      expect(segment, `r ${r}, f ${f}, m ${m}`).toBe(segmentOf(Number(r), Number(f), Number(m)));
      expect(listed).toBe(true);
    }
  });
});

describe("personas", () => {
  /** Users of three kinds, 600 each: browsers (one day, two cheap views), shoppers (ten days, carts,
   *  dear products) and buyers (three days, most visits end in a purchase). */
  function plantedRows() {
    const rows: Parameters<typeof buildFromRows>[0] = [];
    const event = (user: number, day: number, minute: number, type: string, price: number) => rows.push({
      event_time: `2020-01-${String(day).padStart(2, "0")} 10:${String(minute).padStart(2, "0")}:00`, event_type: type, product_id: user % 50,
      category_id: 1, category_code: null, brand: null, price, user_id: user, user_session: `s${user}-${day}`,
    });
    for (let i = 0; i < 600; i++) {
      const browser = 10_000 + i, shopper = 20_000 + i, buyer = 30_000 + i;
      event(browser, 1 + (i % 28), 0, "view", 5 + (i % 3));
      event(browser, 1 + (i % 28), 1, "view", 5 + (i % 3));
      for (let d = 1; d <= 10; d++) {
        for (let m = 0; m < 6; m++) event(shopper, d + (i % 18), m, m % 2 ? "cart" : "view", 400 + (i % 50));
      }
      for (let d = 1; d <= 3; d++) {
        event(buyer, d * 7 + (i % 6), 0, "view", 60 + (i % 20));
        event(buyer, d * 7 + (i % 6), 1, "purchase", 60 + (i % 20));
      }
    }
    return rows;
  }

  it("find planted groups of users, and give every user the same persona whatever the thread count", async () => {
    const rows = plantedRows();
    const config = testConfig();
    config.personas.k = 3;
    const root = tempDir();
    await writePartitions(root, rows);
    const build = async (threads: number) => {
      const cache = tempDir();
      return buildSnapshots({ dataRoot: root, cacheDir: cache, settings: { ...testSettings(cache), threads }, config });
    };
    const [one, two] = [await build(1), await build(2)];
    const assigned = (b: SnapshotBuild) => fs.readFileSync(path.join(b.dir, "user_personas.parquet"));
    expect(assigned(two).equals(assigned(one))).toBe(true);
    expect(readSnapshot(two, "personas")).toEqual(readSnapshot(one, "personas"));
    // purity: the share of users whose persona's largest planted group is their own
    const personas = new Map<string, number>((await withDatabase(testSettings(tempDir()), (db) =>
      db.rows<{ user_id: string; persona: number }>(`SELECT user_id::VARCHAR AS user_id, persona FROM read_parquet('${path.join(one.dir, "user_personas.parquet")}')`)))
      .map((r) => [r.user_id, Number(r.persona)]));
    const group = (user: string) => Math.floor(Number(user) / 10_000);
    const counts = new Map<string, number>();
    for (const [user, persona] of personas) counts.set(`${persona} ${group(user)}`, (counts.get(`${persona} ${group(user)}`) ?? 0) + 1);
    const majority = [1, 2, 3].reduce((sum, p) => sum + Math.max(...[1, 2, 3].map((g) => counts.get(`${p} ${g}`) ?? 0)), 0);
    expect(personas.size).toBe(1800);
    expect(majority / personas.size).toBeGreaterThanOrEqual(0.99);
    const descriptions = readSnapshot<{ description: string }>(one, "personas").map((p) => p.description);
    expect(descriptions, JSON.stringify(readSnapshot(one, "personas"))).toEqual(expect.arrayContaining([expect.stringContaining("buys often"), expect.stringContaining("carts often"), expect.stringContaining("few active days")]));
  });
});
