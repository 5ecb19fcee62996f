// The drill-down views' data (explore_documents, explore_index, and the files the build writes from them)
// against figures worked out by hand on the small dataset below.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeExplore } from "../data-loaders/site/explore.ts";
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

  it("built in many ranges of entities (as large data is), the documents are the same", async () => {
    const cache = tempDir();
    const ranged = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig(), rangeRows: 2 });
    const byEntity = (rows: { kind: string; key: string }[]) => [...rows].sort((a, b) => `${a.kind}:${a.key}`.localeCompare(`${b.kind}:${b.key}`));
    expect(byEntity(readSnapshot(ranged, "explore_documents"))).toEqual(byEntity(readSnapshot(build, "explore_documents")));
  });

  it("the files: each entity in the shard the index (or, for a product, its id) names, and a search index without the products' documents", async () => {
    const site = tempDir();
    const written = await writeExplore(build, site, testSettings(tempDir()));
    const search = JSON.parse(fs.readFileSync(path.join(site, "explore", "search.json"), "utf8")) as { product_shards: number; entities: string[][] };
    expect(search.product_shards).toBe(1);
    expect(search.entities.map((e) => `${e[0]}:${e[1]}`)).toEqual([
      "brand:acme", "category:a", "category:a.b", "category:a.b.c", "category:a.x", "category_id:9", "product:10", "product:20", "product:30",
    ]);
    for (const [kind, key, , , shard] of search.entities) {
      const lines = fs.readFileSync(path.join(site, "explore", kind!, `${kind === "product" ? Number(key) % search.product_shards : shard}.json`), "utf8").trim().split("\n");
      const found = lines.map((l) => JSON.parse(l) as { key: string; document: unknown }).find((l) => l.key === key);
      expect(found?.document, `${kind}:${key}`).toEqual(documents.get(`${kind}:${key}`));
    }
    expect(written.files).toBe(1 + 4);
  });
});
