// The snapshots the pages read (overview, monthly funnel and sessions, distributions, leaderboards,
// brand index) against figures worked out by hand on the fixture (see fixture.ts).
import { beforeAll, describe, expect, it } from "vitest";
import type { SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import {
  EXPECTED_ABANDONMENT_RANKING, EXPECTED_BRAND_INDEX, EXPECTED_BRAND_SERIES, EXPECTED_DATA_QUALITY, EXPECTED_DISTRIBUTION_ALL, EXPECTED_FUNNEL_MONTHLY, EXPECTED_OVERVIEW,
  EXPECTED_PRODUCT_RANKING, EXPECTED_PRODUCTS, EXPECTED_SESSIONS_MONTHLY, FIXTURE_ROWS,
} from "./fixture.ts";
import { buildFromRows, expectRows, readSnapshot } from "./helpers.ts";

let build: SnapshotBuild;
beforeAll(async () => {
  ({ build } = await buildFromRows(FIXTURE_ROWS));
});

type Row = Record<string, unknown>;

describe("page snapshots of the hand-made fixture", () => {
  it("overview: headline figures for all months and each month", () => {
    expectRows(readSnapshot(build, "overview"), EXPECTED_OVERVIEW);
  });

  it("funnel_monthly: the funnel within each month", () => {
    expectRows(readSnapshot(build, "funnel_monthly"), EXPECTED_FUNNEL_MONTHLY);
  });

  it("sessions_monthly: segments within each month, a session across the month end in both", () => {
    expectRows(readSnapshot(build, "sessions_monthly"), EXPECTED_SESSIONS_MONTHLY);
  });

  it("session_distribution: every bin, with the sessions of the fixture in the right ones", () => {
    const rows = readSnapshot<Row>(build, "session_distribution").filter((r) => r.month === "all");
    expect(rows).toHaveLength(2 * (10 + 14));
    for (const [segment, measures] of Object.entries(EXPECTED_DISTRIBUTION_ALL)) {
      for (const [measure, bins] of Object.entries(measures)) {
        const got = Object.fromEntries(rows.filter((r) => r.segment === segment && r.measure === measure && (r.sessions as number) > 0).map((r) => [r.label, r.sessions]));
        expect(got, `${segment} ${measure}`).toEqual(bins);
      }
    }
  });

  it("product_leaderboard: the ranking for each views threshold, with the products' figures", () => {
    const rows = readSnapshot<Row>(build, "product_leaderboard").filter((r) => r.month === "all");
    for (const [threshold, ids] of Object.entries(EXPECTED_PRODUCT_RANKING)) {
      const list = rows.filter((r) => r.min_views === Number(threshold));
      expect(list.map((r) => r.product_id), `at least ${threshold} views`).toEqual(ids);
      expect(list.map((r) => r.rank)).toEqual(ids.map((_, i) => i + 1));
      expect(new Set(list.map((r) => r.qualifying_products))).toEqual(new Set([ids.length]));
    }
    expect(new Set(rows.map((r) => r.min_views))).toEqual(new Set([1, 2]));
    const best = rows.find((r) => r.min_views === 1 && r.product_id === 500)!;
    const { product_id, brand, category_code, avg_price, views, carts, purchases, revenue, conversion_rate } = best;
    expectRows([{ product_id, brand, category_code, avg_price, views, carts, purchases, revenue, conversion_rate }], [EXPECTED_PRODUCTS[4]!]);
  });

  it("product_leaderboard: a month counts only its own events", () => {
    const october = readSnapshot<Row>(build, "product_leaderboard").filter((r) => r.month === "2019-10");
    // October: product 100 has one view and one cart, no purchase
    expect(october.map((r) => [r.min_views, r.product_id, r.views, r.carts, r.purchases, r.conversion_rate])).toEqual([[1, 100, 1, 1, 0, 0]]);
  });

  it("abandonment_leaderboard: the ranking for each threshold, and a month on its own", () => {
    const rows = readSnapshot<Row>(build, "abandonment_leaderboard");
    for (const [threshold, ids] of Object.entries(EXPECTED_ABANDONMENT_RANKING)) {
      expect(rows.filter((r) => r.month === "all" && r.min_cart_sessions === Number(threshold)).map((r) => r.product_id)).toEqual(ids);
    }
    const october = rows.filter((r) => r.month === "2019-10");
    expect(october.map((r) => [r.product_id, r.cart_sessions, r.abandoned_sessions, r.abandonment_rate, r.cart_events, r.purchase_events])).toEqual([[100, 1, 1, 1, 1, 0]]);
  });

  it("brand_index: brands with a purchase by revenue, each in one of the 32 shards", () => {
    const rows = readSnapshot<Row>(build, "brand_index");
    expectRows(rows.map(({ shard: _, ...rest }) => rest), EXPECTED_BRAND_INDEX);
    for (const row of rows) expect(row.shard).toSatisfy((s: number) => Number.isInteger(s) && s >= 0 && s < 32);
  });

  it("brand_series: each brand's purchase days as days after the first day of the data, in its shard", () => {
    const rows = readSnapshot<Row>(build, "brand_series");
    // without reference files, a brand's label is the brand itself
    expect(rows.map((r) => r.label)).toEqual(rows.map((r) => r.brand));
    expectRows(rows.map(({ shard: _, label: __, ...rest }) => rest), EXPECTED_BRAND_SERIES);
    const shards = new Map(readSnapshot<Row>(build, "brand_index").map((r) => [r.brand, r.shard]));
    for (const row of rows) expect(row.shard).toBe(shards.get(row.brand));
  });

  it("daily: events per day and type", () => {
    const rows = readSnapshot<Row>(build, "daily");
    const find = (day: string, type: string) => rows.find((r) => r.day === day && r.event_type === type);
    expect(find("2019-11-03", "cart")).toMatchObject({ events: 5, revenue: 25 });
    expect(find("2019-12-03", "purchase")).toMatchObject({ events: 2, revenue: 620 });
    expect(rows.reduce((sum, r) => sum + (r.events as number), 0)).toBe(27);
  });
});

describe("data quality of the hand-made fixture", () => {
  it("data_quality: rows, empty fields, price 0, duplicates and shared sessions per month", () => {
    const rows = readSnapshot<Row>(build, "data_quality");
    const counts = rows.map((r) => Object.fromEntries(Object.keys(EXPECTED_DATA_QUALITY[0]!).map((k) => [k, r[k]])));
    expect(counts).toEqual(EXPECTED_DATA_QUALITY);
    expect(rows[1]).toMatchObject({ empty_brand_share: 8 / 18, duplicate_share: 4 / 18, shared_session_share: 1 / 5 });
  });

  it("data_quality_warnings: each share over its limit in clickstream.config.json, by month", () => {
    const warnings = readSnapshot<{ month: string; warning: string }>(build, "data_quality_warnings");
    const november = warnings.filter((w) => w.month === "2019-11").map((w) => w.warning);
    expect(november).toEqual(expect.arrayContaining([
      "44.44% of rows have no brand (limit 25.00%)",
      "22.22% of rows are exact duplicates (limit 1.00%)",
      "11.11% of rows have no session id (limit 0.10%)",
      "20.00% of sessions are shared by several users (limit 0.10%)",
    ]));
    // 9 of 18 rows without a category_code is exactly the limit (50%), not over it
    expect(november.some((w) => w.includes("category_code"))).toBe(false);
    // October is clean; its two rows have every field
    expect(warnings.filter((w) => w.month === "2019-10")).toEqual([]);
    expect(build.warnings.length).toBe(warnings.length);
  });
});
