// Every snapshot against figures worked out by hand on the fixture (see fixture.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { parseSqlDoc } from "../data-loaders/shared/sql-files.ts";
import { snapshotFiles, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import {
  EXPECTED_ABANDONMENT, EXPECTED_BRAND_DAILY, EXPECTED_FUNNEL, EXPECTED_PRODUCTS, EXPECTED_SESSIONS, FIXTURE_ROWS,
} from "./fixture.ts";
import { buildFromRows, expectRows, readSnapshot } from "./helpers.ts";

let build: SnapshotBuild;
beforeAll(async () => {
  ({ build } = await buildFromRows(FIXTURE_ROWS));
});

describe("snapshots of the hand-made fixture", () => {
  it("funnel counts events, distinct users and distinct non-empty sessions per type", () => {
    expectRows(readSnapshot(build, "funnel"), EXPECTED_FUNNEL);
  });

  it("products: counts, revenue, mean price, conversion and the latest brand and category", () => {
    expectRows(readSnapshot(build, "products"), EXPECTED_PRODUCTS);
  });

  it("abandonment counts carting sessions once, across a month end, without empty sessions", () => {
    expectRows(readSnapshot(build, "abandonment"), EXPECTED_ABANDONMENT);
  });

  it("sessions: purchaser and non-purchaser segments with exact means and medians", () => {
    expectRows(readSnapshot(build, "sessions"), EXPECTED_SESSIONS);
  });

  it("brand_daily: purchases and revenue per brand and day", () => {
    expectRows(readSnapshot(build, "brand_daily"), EXPECTED_BRAND_DAILY);
  });
});

describe("snapshot documentation", () => {
  it.each(snapshotFiles().map((f) => [f.name, f.sql] as const))("%s documents exactly the columns it returns", (name, sql) => {
    const rows = readSnapshot(build, name);
    const documented = parseSqlDoc(sql).columns.map((c) => c.name);
    expect(documented.length, `${name}.sql documents no columns`).toBeGreaterThan(0);
    if (rows.length > 0) expect(Object.keys(rows[0]!)).toEqual(documented);
    expect(parseSqlDoc(sql).title, `${name}.sql has no title line`).not.toBe("");
  });
});
