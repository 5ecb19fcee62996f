// Reference data (reference/*.csv): every kind of error named by file and line, coverage worked out by
// hand, warn and block, and a change to a file rebuilding the snapshots without scanning a month again.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReferenceData, referenceHistory } from "../data-loaders/snapshots/reference-data.ts";
import { buildSnapshots, GateError } from "../data-loaders/snapshots/snapshots.ts";
import { nameColumns, productLabel, withNames } from "../src/components/leaderboard.js";
import type { EventRow } from "./fixture.ts";
import { readSnapshot, tempDir, testConfig, testSettings, writePartitions } from "./helpers.ts";

const event = (event_time: string, event_type: string, product_id: number, brand: string | null, category_code: string | null, category_id: number, price: number): EventRow =>
  ({ event_time, event_type, product_id, category_id, category_code, brand, price, user_id: 1, user_session: "s1" });

// five events, $150 of revenue: product 1 (samsung, electronics.phone), product 2 ("Samsung " with a
// trailing space, no code, category_id 20), product 3 (no brand, kids.toys)
const ROWS = [
  event("2020-03-02 10:00:00", "view", 1, "samsung", "electronics.phone", 10, 100),
  event("2020-03-02 10:01:00", "purchase", 1, "samsung", "electronics.phone", 10, 100),
  event("2020-03-02 10:02:00", "view", 2, "Samsung ", null, 20, 50),
  event("2020-03-02 10:03:00", "purchase", 2, "Samsung ", null, 20, 50),
  event("2020-03-02 10:04:00", "view", 3, null, "kids.toys", 30, 10),
];

function referenceDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const FILES = {
  "brands.csv": "brand,display_name,group\nsamsung,Samsung,Samsung Electronics\napple,Apple,Apple\n",
  "categories.csv": "category,display_name,department\nelectronics.phone,Phones,Electronics\n20,Category 20,\n",
  "products.csv": "product_id,name\n1,Phone X\n99,Old phone\n",
};

describe("reference files", () => {
  it("refuse every kind of error, naming the file, the line and the problem", () => {
    const dir = referenceDir({
      "brands.csv": "brand,display_name\nsamsung,Samsung\nlg,LG,extra\n,Nobody\nsamsung,Again\n",
      "categories.csv": "category,department\nelectronics phone,Electronics\n",
      "products.csv": "product_id,name\n1.5,Half\nabc,Letters\n",
    });
    expect(() => readReferenceData(dir)).toThrowError(new RegExp([
      'reference/brands.csv, line 3: 3 fields, expected 2',
      'reference/brands.csv, line 4: the brand is empty',
      'reference/brands.csv, line 5: brand "samsung" is given twice \\(first on line 2\\)',
      'reference/categories.csv, line 2: "electronics phone" is neither a category_code',
      'reference/products.csv, line 2: product_id "1.5" is not an integer',
      'reference/products.csv, line 3: product_id "abc" is not an integer',
    ].join("[\\s\\S]*")));
    expect(() => readReferenceData(referenceDir({ "products.csv": "id,name\n1,x\n" }))).toThrowError(/reference\/products.csv, line 1: the header must start with product_id/);
    expect(() => readReferenceData(referenceDir({ "brands.csv": "brand,colour\nx,red\n" }))).toThrowError(/unknown: colour/);
    // absent files and blank lines are fine; the project's own folder is valid
    expect(readReferenceData(referenceDir({ "products.csv": "product_id\n\n7\n" })).tables.map((t) => [t.file.file, t.rows])).toEqual([["products.csv", [["7", null]]]]);
    expect(() => readReferenceData()).not.toThrow();
  });

  it("coverage by hand; below the minimum they warn, or stop the build; a change rebuilds the snapshots from the cached rollups", async () => {
    const root = tempDir();
    const cache = tempDir();
    await writePartitions(root, ROWS);
    const dir = referenceDir(FILES);
    const config = { ...testConfig(), reference: { minEventShare: 0.5, action: "warn" as const } };
    const build = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config, referenceDir: dir });
    const coverage = readSnapshot<Record<string, unknown>>(build, "reference_coverage").map(({ fingerprint, ...rest }) => {
      expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      return rest;
    });
    expect(coverage).toEqual([
      // samsung: events 1 and 2 ($100); "Samsung " has no entry; apple matches nothing
      { file: "reference/brands.csv", entries: 2, unused_entries: 1, unmapped_values: 1, event_share: 0.4, revenue_share: 100 / 150 },
      // electronics.phone (events 1, 2) and category_id 20 (events 3, 4, which have no code); kids.toys has none
      { file: "reference/categories.csv", entries: 2, unused_entries: 0, unmapped_values: 1, event_share: 0.8, revenue_share: 1 },
      // product 1; products 2 and 3 have none; 99 matches nothing
      { file: "reference/products.csv", entries: 2, unused_entries: 1, unmapped_values: 2, event_share: 0.4, revenue_share: 100 / 150 },
    ]);
    expect(build.warnings).toEqual(expect.arrayContaining([
      "reference/brands.csv names 40.0% of the events (limit 50.0%)",
      "reference/products.csv names 40.0% of the events (limit 50.0%)",
      "reference/brands.csv: 1 of its 2 entries match nothing in the data",
      "reference/products.csv: 1 of its 2 entries match nothing in the data",
    ]));
    expect(build.warnings.some((w) => w.startsWith("reference/categories.csv names"))).toBe(false);

    // the names on the leaderboards, beside the raw values
    const leaders = readSnapshot<Record<string, unknown>>(build, "product_leaderboard").filter((r) => r.month === "all" && r.min_views === 1);
    expect(leaders.map((r) => [r.product_id, r.brand, r.product_name, r.brand_name, r.brand_group, r.category_code, r.category_name, r.department])).toEqual([
      [1, "samsung", "Phone X", "Samsung", "Samsung Electronics", "electronics.phone", "Phones", "Electronics"],
      [2, "Samsung ", null, null, null, null, null, null],
      [3, null, null, null, null, "kids.toys", null, null],
    ]);
    expect(leaders.map(productLabel)).toEqual(["Phone X #1", "Samsung  #2", "no brand · toys #3"]);
    expect(leaders.map(withNames).map((r: Record<string, unknown>) => [r.brand, r.category_code])).toEqual([["Samsung", "Phones"], ["Samsung ", "(no category)"], ["(no brand)", "kids.toys"]]);
    expect(nameColumns(leaders)).toEqual([["product_name", "Name"], ["brand_group", "Group"], ["department", "Department"]]);

    // the label every list of products shows (product_names.label: the API's documents, the win-back list,
    // the drill-down views and their top lists)
    const documents = readSnapshot<{ kind: string; key: string; label: string; document: { top_products?: { label: string }[] } }>(build, "explore_documents");
    const doc = (kind: string, key: string) => documents.find((d) => d.kind === kind && d.key === key)!;
    expect([doc("product", "1").label, doc("product", "2").label, doc("product", "3").label]).toEqual(["Phone X", "Samsung ", "kids.toys"]);
    expect(doc("brand", "samsung").document.top_products!.map((p) => p.label)).toEqual(["Phone X"]);
    // brands and categories by their display names, else as the data has them
    expect([doc("brand", "samsung").label, doc("brand", "Samsung ").label, doc("category", "electronics.phone").label, doc("category", "electronics").label,
      doc("category_id", "20").label]).toEqual(["Samsung", "Samsung ", "Phones", "electronics", "Category 20"]);

    // brand groups: Samsung Electronics holds samsung (one purchase, $100); "Samsung " has no entry
    const groups = readSnapshot<Record<string, unknown>>(build, "brand_groups");
    expect(groups).toEqual([
      { month: "all", brand_group: "Samsung Electronics", brands: 1, purchases: 1, revenue: 100, revenue_share: 100 / 150 },
      { month: "all", brand_group: null, brands: 1, purchases: 1, revenue: 50, revenue_share: 50 / 150 },
      { month: "2020-03", brand_group: "Samsung Electronics", brands: 1, purchases: 1, revenue: 100, revenue_share: 100 / 150 },
      { month: "2020-03", brand_group: null, brands: 1, purchases: 1, revenue: 50, revenue_share: 50 / 150 },
    ]);
    // groups and departments ranked: Samsung Electronics and Electronics hold product 1 ($100, one view,
    // one purchase); products 2 ("Samsung " has no entry; category 20's entry has no department) and 3
    // (no brand; kids.toys has no entry) are the rows without one
    const named = { products: 1, views: 1, carts: 0, purchases: 1, revenue: 100, conversion_rate: 1, revenue_share: 100 / 150, rank: 1 };
    const rest = { value: null, products: 2, views: 2, carts: 0, purchases: 1, revenue: 50, conversion_rate: 0.5, revenue_share: 50 / 150, rank: 2 };
    expect(readSnapshot(build, "dimension_leaderboard")).toEqual(["all", "2020-03"].flatMap((month) => [
      { month, dimension: "brand_group", value: "Samsung Electronics", ...named }, { month, dimension: "brand_group", ...rest },
      { month, dimension: "department", value: "Electronics", ...named }, { month, dimension: "department", ...rest },
    ]));
    // the brand trends page's list: each brand with its display name, else itself
    expect(readSnapshot<{ brand: string; label: string }>(build, "brand_series").map((r) => [r.brand, r.label]).sort()).toEqual([["Samsung ", "Samsung "], ["samsung", "Samsung"]]);
    // a group's figures are its members' summed
    const daily = readSnapshot<{ brand: string; purchases: number; revenue: number }>(build, "brand_daily").filter((d) => d.brand === "samsung");
    expect(groups[0]).toMatchObject({ purchases: daily.reduce((s, d) => s + d.purchases, 0), revenue: daily.reduce((s, d) => s + d.revenue, 0) });

    // blocking
    const blocked = buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: { ...config, reference: { minEventShare: 0.5, action: "block" } }, referenceDir: dir });
    await expect(blocked).rejects.toThrowError(GateError);
    await expect(blocked).rejects.toThrowError(/reference\/brands.csv names 40.0% of the events, under the 50.0%[\s\S]*reference\/products.csv names 40.0%/);

    // each file's fingerprint and since when builds have seen it, kept in the cache
    const seen = referenceHistory(cache, readReferenceData(dir), "2026-01-01T00:00:00.000Z");
    expect(referenceHistory(cache, readReferenceData(dir), "2026-02-01T00:00:00.000Z")).toEqual(seen);

    // a product named: the snapshots are built again, no month is scanned again
    fs.appendFileSync(path.join(dir, "products.csv"), "2,Phone Y\n");
    const changed = referenceHistory(cache, readReferenceData(dir), "2026-03-01T00:00:00.000Z");
    expect(changed.map((h) => [h.file, h.since])).toEqual([["reference/brands.csv", seen[0]!.since], ["reference/categories.csv", seen[1]!.since], ["reference/products.csv", "2026-03-01T00:00:00.000Z"]]);
    expect(changed[2]!.fingerprint).not.toBe(seen[2]!.fingerprint);
    const again = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config, referenceDir: dir });
    expect(again.key).not.toBe(build.key);
    expect(again.reused).toBeFalsy();
    expect(again.months.every((m) => m.reused)).toBe(true);
    expect(readSnapshot<Record<string, unknown>>(again, "reference_coverage").find((r) => r.file === "reference/products.csv")).toMatchObject({ event_share: 0.8, revenue_share: 1, unmapped_values: 1 });
  });
});

describe("brand groups and departments", () => {
  // March 2020: acme and bolt make one group; home.lamp, home.chair and category_id 42 (events without a
  // code) one department; "bolt " (a trailing space) and other have no group, garden.hose no department
  const rows = [
    event("2020-03-02 10:00:00", "view", 10, "acme", "home.lamp", 40, 20),
    event("2020-03-02 10:01:00", "purchase", 10, "acme", "home.lamp", 40, 20),
    event("2020-03-02 11:00:00", "view", 11, "bolt", "home.chair", 41, 5),
    event("2020-03-02 11:01:00", "cart", 11, "bolt", "home.chair", 41, 5),
    event("2020-03-02 12:00:00", "purchase", 13, "other", "garden.hose", 43, 7),
    event("2020-03-03 09:00:00", "view", 10, "acme", "home.lamp", 40, 30),
    event("2020-03-03 09:05:00", "purchase", 11, "bolt", "home.chair", 41, 8),
    event("2020-03-03 09:10:00", "view", 12, "bolt ", null, 42, 0),
    event("2020-03-03 09:11:00", "remove_from_cart", 12, "bolt ", null, 42, 12),
  ];
  const files = {
    "brands.csv": "brand,display_name,group\nacme,Acme,Acme & Bolt <Holdings>\nbolt,Bolt,Acme & Bolt <Holdings>\nother,Other,\n",
    "categories.csv": "category,display_name,department\nhome.lamp,Lamps,Home\nhome.chair,Chairs,Home\n42,Spare parts,Home\ngarden.hose,Hoses,\n",
  };

  it("have drill-down views: their members' days added up (by hand), their top lists, and the totals the leaderboard ranks", async () => {
    const root = tempDir();
    const cache = tempDir();
    await writePartitions(root, rows);
    const build = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings: testSettings(cache), config: testConfig(), referenceDir: referenceDir(files) });
    type Doc = { kind: string; key: string; label: string; events: number; purchases: number; revenue: number; document: Record<string, unknown> & { days: number[][] } };
    const documents = readSnapshot<Doc>(build, "explore_documents");
    const doc = (kind: string, key: string) => documents.find((d) => d.kind === kind && d.key === key)!;
    const group = doc("brand_group", "Acme & Bolt <Holdings>");
    const department = doc("department", "Home");
    expect(documents.filter((d) => d.kind === "brand_group" || d.kind === "department").map((d) => [d.kind, d.key])).toEqual([["brand_group", "Acme & Bolt <Holdings>"], ["department", "Home"]]);
    // [day, views, carts, purchases, removes, events, revenue, lowest price, highest, sum of prices, priced]
    // 2 March (day 18323): acme's view and purchase at 20, bolt's view and cart at 5
    const march2 = [18323, 2, 1, 1, 0, 4, 20, 5, 20, 50, 4];
    // 3 March: acme's view at 30, bolt's purchase at 8; the department also has category 42's view at 0
    // (no price) and removal at 12
    expect(group.document.days).toEqual([march2, [18324, 1, 0, 1, 0, 2, 8, 8, 30, 38, 2]]);
    expect(department.document.days).toEqual([march2, [18324, 2, 0, 1, 1, 4, 8, 8, 30, 50, 3]]);
    expect([group.label, group.events, group.purchases, group.revenue]).toEqual(["Acme & Bolt <Holdings>", 6, 2, 28]);
    expect([department.label, department.events, department.purchases, department.revenue]).toEqual(["Home", 8, 2, 28]);
    expect(group.document).toMatchObject({ kind: "brand_group", grain: "day", months: null });
    const names = (list: unknown, key: string) => (list as Record<string, unknown>[] | null)?.map((item) => item[key]);
    expect(names(group.document.top_brands, "brand")).toEqual(["acme", "bolt"]);
    expect(names(group.document.top_categories, "category_code")).toEqual(["home.lamp", "home.chair"]);
    expect(names(group.document.top_products, "product_id")).toEqual([10, 11]);
    expect(names(department.document.top_brands, "brand")).toEqual(["acme", "bolt", "bolt "]);
    expect(names(department.document.top_categories, "category_code")).toEqual(["home.lamp", "home.chair"]);
    expect(names(department.document.top_products, "product_id")).toEqual([10, 11, 12]);
    // each member's view names its group or department
    expect([doc("brand", "acme").document.brand_group, doc("brand", "bolt ").document.brand_group, doc("category", "home.lamp").document.department,
      doc("category_id", "42").document.department, doc("category", "home").document.department, doc("category", "garden.hose").document.department])
      .toEqual(["Acme & Bolt <Holdings>", null, "Home", "Home", null, null]);
    // the same totals as the leaderboard of groups and departments
    const ranked = readSnapshot<{ month: string; dimension: string; value: string | null; views: number; purchases: number; revenue: number }>(build, "dimension_leaderboard");
    for (const d of [group, department]) {
      const row = ranked.find((r) => r.month === "all" && r.dimension === d.kind && r.value === d.key)!;
      const sum = (column: number) => d.document.days.reduce((s, day) => s + day[column]!, 0);
      expect([row.views, row.purchases, row.revenue]).toEqual([sum(1), sum(3), sum(6)]);
    }
    // found by the search and given a file of their own
    const index = readSnapshot<{ kind: string; key: string; shard: number }>(build, "explore_index");
    expect(index.filter((r) => r.kind === "department" || r.kind === "brand_group").map((r) => [r.kind, r.key, r.shard])).toEqual([["brand_group", "Acme & Bolt <Holdings>", 0], ["department", "Home", 0]]);
  });
});
