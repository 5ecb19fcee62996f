// The drill-down views' data (explore_documents, explore_index, and the files the build writes from them)
// against figures worked out by hand on the small dataset below.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeExplore } from "../data-loaders/site/explore.ts";
import { stageShares } from "../src/components/charts.js";
import { entityComparisons, entityMonths, entitySeries, shardOf, weeklyPrices } from "../src/components/entity-data.js";
import { dataSpan } from "../src/components/periods.js";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import type { EventRow } from "./fixture.ts";
import { buildFromRows, readSnapshot, tempDir, testConfig, testSettings } from "./helpers.ts";

const row = (event_time: string, event_type: string, product_id: number, category_id: number, category_code: string | null, brand: string | null,
  price: number, user_id: number, user_session: string | null): EventRow => ({ event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session });

// - product 10 (acme, a.b.c): session s1 of user 1 crosses the end of January; its purchase is logged twice
//   (an exact duplicate, counted as two events, as everywhere); user 2 views it in February, in session s4
//   on Sunday the 2nd (the week of Monday January 27, from February 1 on) and Monday the 10th
// - product 20 (no brand, a.x): viewed at price 0 (left out of prices) and carted, never bought
// - product 30 (acme, no category_code, category_id 9): viewed by user 3 without a session, then in session
//   s3, which user 4 shares and carts in
const ROWS: EventRow[] = [
  row("2020-01-31 23:50:00", "view", 10, 1, "a.b.c", "acme", 10, 1, "s1"),
  row("2020-02-01 00:10:00", "cart", 10, 1, "a.b.c", "acme", 10, 1, "s1"),
  row("2020-02-01 00:20:00", "purchase", 10, 1, "a.b.c", "acme", 12, 1, "s1"),
  row("2020-02-01 00:20:00", "purchase", 10, 1, "a.b.c", "acme", 12, 1, "s1"),
  row("2020-02-02 08:00:00", "view", 10, 1, "a.b.c", "acme", 9, 2, "s4"),
  row("2020-02-10 12:00:00", "view", 10, 1, "a.b.c", "acme", 11, 2, "s4"),
  row("2020-01-15 10:00:00", "view", 20, 2, "a.x", null, 0, 2, "s2"),
  row("2020-01-15 10:05:00", "cart", 20, 2, "a.x", null, 5, 2, "s2"),
  row("2020-01-15 11:00:00", "view", 30, 9, null, "acme", 7, 3, null),
  row("2020-01-16 09:00:00", "view", 30, 9, null, "acme", 8, 3, "s3"),
  row("2020-01-16 09:01:00", "cart", 30, 9, null, "acme", 8, 4, "s3"),
];

const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 864e5;
// [day, views, carts, purchases, removes, events, revenue, price_min, price_max, price_sum, priced]
const day = (d: string, ...values: (number | null)[]) => [dayNumber(d), ...values];
type Month = [month: string, users: number, sessions: number, view: number, cart: number, purchase: number, abandoned: number];
// a document's months are a list per column
const months = (...rows: Month[]) => ({
  month: rows.map((r) => r[0]), users: rows.map((r) => r[1]), sessions: rows.map((r) => r[2]), view_sessions: rows.map((r) => r[3]),
  cart_sessions: rows.map((r) => r[4]), purchase_sessions: rows.map((r) => r[5]), abandoned_sessions: rows.map((r) => r[6]),
});

type Document = Record<string, unknown> & { days: number[][]; months: unknown };

describe("drill-down data of a hand-made dataset", () => {
  let build: SnapshotBuild;
  let root: string;
  let documents: Map<string, Document>;
  beforeAll(async () => {
    ({ build, root } = await buildFromRows(ROWS));
    const rows = readSnapshot<{ kind: string; key: string; document: Document }>(build, "explore_documents");
    documents = new Map(rows.map((r) => [`${r.kind}:${r.key}`, r.document]));
  });

  it("has a document for every product, brand, category code at every level and category id without a code", () => {
    expect([...documents.keys()].sort()).toEqual([
      "brand:acme", "category:a", "category:a.b", "category:a.b.c", "category:a.x", "category_id:9", "product:10", "product:20", "product:30",
    ]);
  });

  it("a product: weeks cut at month starts, with prices (a session across the month end counts in each month), its brand and category", () => {
    const p = documents.get("product:10")!;
    expect(p.grain).toBe("week");
    // the week of Monday January 27 in two parts: the 31st in January's, the 1st and 2nd in February's
    expect(p.days).toEqual([
      day("2020-01-27", 1, 0, 0, 0, 1, 0, 10, 10, 10, 1),
      day("2020-02-01", 1, 1, 2, 0, 4, 24, 9, 12, 43, 4),
      day("2020-02-10", 1, 0, 0, 0, 1, 0, 11, 11, 11, 1),
    ]);
    expect(p.months).toEqual(months(["2020-01", 1, 1, 1, 0, 0, 0], ["2020-02", 2, 2, 1, 1, 1, 0]));
    expect([p.label, p.brand, p.category_code, p.parent]).toEqual(["acme · a.b.c", "acme", "a.b.c", null]);
  });

  it("a brand: a user without a session counts as a user only; a shared session is one session with both users' events", () => {
    const b = documents.get("brand:acme")!;
    expect(b.grain).toBe("day");
    expect(b.days).toEqual([
      day("2020-01-15", 1, 0, 0, 0, 1, 0, 7, 7, 7, 1),
      day("2020-01-16", 1, 1, 0, 0, 2, 0, 8, 8, 16, 2),
      day("2020-01-31", 1, 0, 0, 0, 1, 0, 10, 10, 10, 1),
      day("2020-02-01", 0, 1, 2, 0, 3, 24, 10, 12, 34, 3),
      day("2020-02-02", 1, 0, 0, 0, 1, 0, 9, 9, 9, 1),
      day("2020-02-10", 1, 0, 0, 0, 1, 0, 11, 11, 11, 1),
    ]);
    // January: users 1, 3, 4; sessions s1 (view) and s3 (view by user 3, cart by user 4: abandoned)
    expect(b.months).toEqual(months(["2020-01", 3, 2, 2, 1, 0, 1], ["2020-02", 2, 2, 1, 1, 1, 0]));
    expect(b.top_products).toEqual([
      { product_id: 10, label: "acme · a.b.c", views: 3, purchases: 2, revenue: 24 },
      { product_id: 30, label: "acme", views: 2, purchases: 0, revenue: 0 },
    ]);
    expect(b.top_categories).toEqual([{ category_code: "a.b.c", views: 3, purchases: 2, revenue: 24 }]);
  });

  it("a category holds the codes below it; price 0 is left out of prices; sub-categories and top brands", () => {
    const a = documents.get("category:a")!;
    expect(a.days).toEqual([
      day("2020-01-15", 1, 1, 0, 0, 2, 0, 5, 5, 5, 1),
      day("2020-01-31", 1, 0, 0, 0, 1, 0, 10, 10, 10, 1),
      day("2020-02-01", 0, 1, 2, 0, 3, 24, 10, 12, 34, 3),
      day("2020-02-02", 1, 0, 0, 0, 1, 0, 9, 9, 9, 1),
      day("2020-02-10", 1, 0, 0, 0, 1, 0, 11, 11, 11, 1),
    ]);
    expect(a.months).toEqual(months(["2020-01", 2, 2, 2, 1, 0, 1], ["2020-02", 2, 2, 1, 1, 1, 0]));
    expect(a.children).toEqual([
      { category_code: "a.b", events: 6, views: 3, purchases: 2, revenue: 24 },
      { category_code: "a.x", events: 2, views: 1, purchases: 0, revenue: 0 },
    ]);
    expect(a.top_brands).toEqual([{ brand: "acme", views: 3, purchases: 2, revenue: 24 }]);
    expect(a.parent).toBe(null);
    expect(documents.get("category:a.b.c")!.parent).toBe("a.b");
    expect(documents.get("category:a.x")!.top_brands).toBe(null);
  });

  it("events without a category_code are grouped by their category_id, labelled as such", () => {
    const c = documents.get("category_id:9")!;
    expect(c.label).toBe("category 9 (no category_code)");
    expect(c.months).toEqual(months(["2020-01", 2, 1, 1, 1, 0, 1]));
    expect(c.top_brands).toEqual([{ brand: "acme", views: 2, purchases: 0, revenue: 0 }]);
  });

  it("on the page: a brand's or category's file is the last whose first key is at or before it, in UTF-8 byte order as DuckDB sorts", () => {
    // "\u{1F600}" comes before "\u{FF61}" in UTF-16 (JavaScript's <) but after it in UTF-8
    const shards = { product_shards: 7, first_keys: { brand: [["a", "0"], ["m", "3"], ["\u{FF61}", "4"], ["\u{1F600}", "5"]], category: [], category_id: [] } };
    expect(["a", "b", "m", "zz", "\u{1F600}x", "\u{FF61}", "\u{FFFF}"].map((key) => shardOf(shards, "brand", key))).toEqual([0, 0, 3, 3, 5, 4, 4]);
    expect(shardOf(shards, "brand", "A")).toBe(null);
    expect(shardOf(shards, "category", "a")).toBe(null);
    expect(shardOf(shards, "product", "123456789012")).toBe(Number(123456789012n % 7n));
  });

  it("on the page: a product's two parts of a week across a month end are one week with all months, each month's own part partial", () => {
    const p = documents.get("product:10")!;
    const span = dataSpan({ firstEvent: "2020-01-15 10:00:00", lastEvent: "2020-02-10 12:00:00" });
    const series = (month: string): Record<string, unknown>[] =>
      entitySeries(p, month, span).map((w: Record<string, unknown>) => ({ ...w, date: (w.date as Date).toISOString().slice(0, 10) }));
    const week = (date: string, partial: boolean, views: number, carts: number, purchases: number, events: number, revenue: number, price_min: number, price_max: number, price_sum: number, priced: number) =>
      ({ date, partial, views, carts, purchases, removes: 0, events, revenue, price_min, price_max, price_sum, priced });
    // the week of February 10 runs past the data's last event
    expect(series("all")).toEqual([week("2020-01-27", false, 2, 1, 2, 5, 24, 9, 12, 53, 5), week("2020-02-10", true, 1, 0, 0, 1, 0, 11, 11, 11, 1)]);
    // a month on its own: the week of January 27 reaches into the other month
    expect(series("2020-01")).toEqual([week("2020-01-27", true, 1, 0, 0, 1, 0, 10, 10, 10, 1)]);
    expect(series("2020-02").map((w) => [w.date, w.partial])).toEqual([["2020-01-27", true], ["2020-02-10", true]]);
    expect(weeklyPrices(entitySeries(p, "all", span)).map((w: { min: number; max: number; mean: number }) => [w.min, w.max, w.mean])).toEqual([[9, 12, 10.6], [11, 11, 11]]);
    expect(entityMonths(p, "2020-02")).toEqual([{
      month: "2020-02", users: 2, sessions: 2, view_sessions: 1, cart_sessions: 1, purchase_sessions: 1, abandoned_sessions: 0, purchase_rate: 0.5, abandonment_rate: 0,
    }]);
  });

  it("on the page: a month against the month before, over the same days when the data ends within it; a product's weeks only between complete months", () => {
    // the data as if it ran from January 1 (00:00) to February 16 (10:00): February is cut after 16 days
    const span = dataSpan({ firstEvent: "2020-01-01 00:00:00", lastEvent: "2020-02-16 10:00:00" });
    const text = (changes: Record<string, { text: string }>) => Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.text]));
    // acme, 1 to 16 February: Feb 1 cart and two purchases, Feb 2 and Feb 10 views (5 events, 2 purchases,
    // 2 views); 1 to 16 January: Jan 15 view, Jan 16 view and cart (3 events, no purchase, 2 views)
    expect(text(entityComparisons(documents.get("brand:acme")!, "2020-02", span)!)).toEqual({
      events: "66.7% more than the first 16 days of January 2020 (3)",
      purchases: "0 in the first 16 days of January 2020",
      conversion: "100.0 points more than the first 16 days of January 2020 (0.0%)",
      users: "compared for complete months only",
      sessions: "compared for complete months only",
      abandonment: "compared for complete months only",
    });
    // a product's weeks cannot be cut at February 16
    expect(entityComparisons(documents.get("product:10")!, "2020-02", span)!.events.text).toBe("compared for complete months only");
    // January is complete, but there is no month before it
    expect(entityComparisons(documents.get("brand:acme")!, "2020-01", span)!.events.text).toBe("no complete month before it to compare with");
    expect(entityComparisons(documents.get("brand:acme")!, "all", span)).toBe(null);
  });

  it("on the page: a funnel after a stage with nothing (purchases without cart events) shows no share, not Infinity", () => {
    const rows = [{ event_type: "view", value: 77 }, { event_type: "cart", value: 0 }, { event_type: "purchase", value: 4 }];
    expect(stageShares(rows).map((d: { share: number | null }) => d.share)).toEqual([null, 0, null]);
    expect(stageShares([{ value: 4 }, { value: 2 }]).map((d: { share: number | null }) => d.share)).toEqual([null, 0.5]);
  });

  it("built in many ranges of entities (as large data is), the documents are the same", async () => {
    const cache = tempDir();
    const ranged = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig(), rangeRows: 2 });
    const byEntity = (rows: { kind: string; key: string }[]) => [...rows].sort((a, b) => `${a.kind}:${a.key}`.localeCompare(`${b.kind}:${b.key}`));
    expect(byEntity(readSnapshot(ranged, "explore_documents"))).toEqual(byEntity(readSnapshot(build, "explore_documents")));
  });

  it("the files: each entity in the shard shards.json names, and a search index without the products' documents", async () => {
    const site = tempDir();
    const written = await writeExplore(build, site, testSettings(tempDir()));
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(site, "explore", file), "utf8"));
    const shards = read("shards.json");
    expect(shards).toEqual({ product_shards: 1, first_keys: { brand: [["acme", "0"]], category: [["a", "0"]], category_id: [["9", "0"]], brand_group: [], department: [] } });
    const search = read("search.json") as { entities: (string | null)[][] };
    expect(search.entities).toEqual([
      ["brand", "acme", null, "24.00"], ["category", "a", null, "24.00"], ["category", "a.b", null, "24.00"], ["category", "a.b.c", null, "24.00"],
      ["category", "a.x", null, "0.00"], ["category_id", "9", "category 9 (no category_code)", "0.00"],
      ["product", "10", "acme · a.b.c", "24.00"], ["product", "20", "a.x", "0.00"], ["product", "30", "acme", "0.00"],
    ]);
    for (const [kind, key] of search.entities as string[][]) {
      const lines = fs.readFileSync(path.join(site, "explore", kind!, `${shardOf(shards, kind, key)}.json`), "utf8").trim().split("\n");
      const found = lines.map((l) => JSON.parse(l) as { key: string; document: unknown }).find((l) => l.key === key);
      expect(found?.document, `${kind}:${key}`).toEqual(documents.get(`${kind}:${key}`));
    }
    expect(written.files).toBe(2 + 4);
  });
});
