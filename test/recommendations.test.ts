// The recommendations (also_bought, viewed_then_bought) and the win-back list (reengagement) against
// figures worked out by hand on recommendation-fixture.ts.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDataApi } from "../data-loaders/site/data-api.ts";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import {
  EXPECTED_ALSO_BOUGHT, EXPECTED_RECOMMENDATION_SUMMARY, EXPECTED_REENGAGEMENT, EXPECTED_VIEWED_THEN_BOUGHT, RECOMMENDATION_ROWS, REENGAGEMENT_ROWS,
} from "./recommendation-fixture.ts";
import { buildFromRows, expectRows, readSnapshot, tempDir, testConfig, testSettings, writePartitions } from "./helpers.ts";

type Row = Record<string, unknown>;

describe("recommendations of the hand-made fixture (cap of 3 products per buyer)", () => {
  let build: SnapshotBuild;
  const config = testConfig();
  config.recommendations.maxProductsPerUser = 3;
  beforeAll(async () => {
    ({ build } = await buildFromRows(RECOMMENDATION_ROWS, config));
  });

  it("also_bought: pairs across months, the capped buyer left out of pairs only, ties by lift then id", () => {
    expectRows(readSnapshot(build, "also_bought"), EXPECTED_ALSO_BOUGHT);
  });

  it("viewed_then_bought: a view before a purchase in one session, across a month end and from far away, never the same product", () => {
    expectRows(readSnapshot(build, "viewed_then_bought"), EXPECTED_VIEWED_THEN_BOUGHT);
  });

  it("recommendation_summary: buyers, the buyers the cap left out, products covered", () => {
    expect(readSnapshot(build, "recommendation_summary")).toEqual([EXPECTED_RECOMMENDATION_SUMMARY]);
  });

  it("api_recommendations: one document per product with a recommendation, matching the snapshots", () => {
    // the snapshot's JSON holds each document as an object (the Parquet file, as JSON text)
    const documents = readSnapshot<{ product_id: number; document: Row }>(build, "api_recommendations");
    expect(documents.map((d) => d.product_id)).toEqual([1, 2, 3, 6, 7, 8]);
    const three = documents.find((d) => d.product_id === 3)!.document;
    expect(three).toEqual({
      product_id: 3, label: "acme · a.b", buyers: 3,
      also_bought: [{ product_id: 1, label: "acme · a.b", users_both: 2, confidence: 0.666667, lift: 1.333333, rank: 1 }],
      sessions_viewed: 6,
      viewed_then_bought: [
        { product_id: 2, label: "acme · a.b", sessions_both: 3, share: 0.5, rank: 1 },
        { product_id: 1, label: "acme · a.b", sessions_both: 2, share: 0.333333, rank: 2 },
        { product_id: 5, label: "acme · a.b", sessions_both: 2, share: 0.333333, rank: 3 },
      ],
    });
    // a product with pairs of one kind only has an empty list (and no sessions) for the other
    const six = documents.find((d) => d.product_id === 6)!.document as { viewed_then_bought: unknown[]; sessions_viewed: unknown; also_bought: unknown[] };
    expect([six.viewed_then_bought, six.sessions_viewed, six.also_bought.length]).toEqual([[], null, 2]);
  });

  it("the data API: a manifest and one file per product with a recommendation, each its document", async () => {
    const site = tempDir();
    const info = { builtAt: "2020-05-01T00:00:00.000Z", snapshotsBuiltAt: build.builtAt, demo: false, months: ["2020-01", "2020-02", "2020-03", "2020-04"],
      firstEvent: "2020-01-10 10:00:00", lastEvent: "2020-04-12 12:06:00", events: RECOMMENDATION_ROWS.length, dataFingerprint: build.key, warnings: [], audience: null };
    const written = await writeDataApi(build, info, site, testSettings(tempDir()));
    const manifest = JSON.parse(fs.readFileSync(path.join(site, "api", "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ api: 1, data_fingerprint: build.key, months: info.months, resources: { recommendations: { url: "recommendations/{product_id}.json", products: 6 } } });
    const files = fs.readdirSync(path.join(site, "api", "recommendations")).sort();
    expect(files).toEqual(["1.json", "2.json", "3.json", "6.json", "7.json", "8.json"]);
    expect(written.files).toBe(7);
    for (const { product_id, document } of readSnapshot<{ product_id: number; document: Row }>(build, "api_recommendations")) {
      expect(JSON.parse(fs.readFileSync(path.join(site, "api", "recommendations", `${product_id}.json`), "utf8"))).toEqual(document);
    }
    // every also_bought row is in its product's file
    for (const pair of readSnapshot<Row>(build, "also_bought")) {
      const file = JSON.parse(fs.readFileSync(path.join(site, "api", "recommendations", `${pair.product_id}.json`), "utf8"));
      expect(file.also_bought[(pair.rank as number) - 1]).toMatchObject({ product_id: pair.other_product_id, users_both: pair.users_both, rank: pair.rank });
    }
  });

  it("are the same built month by month: January first, then the months after it added to its cached rollups", async () => {
    const root = tempDir();
    const cache = tempDir();
    const opts = { dataRoot: root, cacheDir: cache, settings: testSettings(cache), config };
    await writePartitions(root, RECOMMENDATION_ROWS.filter((r) => r.event_time.startsWith("2020-01")));
    await buildSnapshots(opts);
    await writePartitions(root, RECOMMENDATION_ROWS.filter((r) => !r.event_time.startsWith("2020-01")));
    const grown = await buildSnapshots(opts);
    expect(grown.months.map((m) => m.reused)).toEqual([true, false, false, false]);
    for (const name of ["also_bought", "viewed_then_bought", "recommendation_summary", "api_recommendations"]) {
      expect(fs.readFileSync(path.join(grown.dir, `${name}.json`), "utf8"), name).toBe(fs.readFileSync(path.join(build.dir, `${name}.json`), "utf8"));
    }
  });
});

describe("the win-back list of the hand-made fixture", () => {
  let build: SnapshotBuild;
  beforeAll(async () => {
    ({ build } = await buildFromRows(REENGAGEMENT_ROWS));
  });

  it("reengagement: slipping valuable buyers by revenue then id, their last product (ties to the greater id) and what to offer", () => {
    expectRows(readSnapshot(build, "reengagement"), EXPECTED_REENGAGEMENT);
  });

  it("reengagement_top: the same customers with their products' labels", () => {
    expect(readSnapshot<Row>(build, "reengagement_top").map((r) => [r.position, r.user_id, r.last_product_label, r.recommended_product_label])).toEqual([
      [1, 101, "acme · a.b", "acme · a.b"], [2, 100, "acme · a.b", null], [3, 102, "acme · a.b", null],
    ]);
  });
});
