// Audiences: the snapshots of an audience are those of the data holding only its events, worked out by
// hand on the fixture, equal to a whole-shop build of the filtered data, and incremental: a new month is
// read once for all the audiences together.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { audienceDescription, audienceFilterSql, AudiencesSchema, type Audience } from "../data-loaders/audiences/audience.ts";
import { buildAudienceSnapshots } from "../data-loaders/audiences/audience-snapshots.ts";
import { generateDemo } from "../data-loaders/demo/generate.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { listPartitions, monthFolder } from "../data-loaders/shared/layout.ts";
import { sqlString } from "../data-loaders/shared/sql-files.ts";
import { buildSnapshots, type SnapshotBuild } from "../data-loaders/snapshots/snapshots.ts";
import { FIXTURE_ROWS, HTML_BRAND } from "./fixture.ts";
import { expectRows, readSnapshot, tempDir, testConfig, testSettings, writePartitions } from "./helpers.ts";

const options = (dataRoot: string, cacheDir: string, referenceDir?: string) => ({ dataRoot, cacheDir, settings: testSettings(cacheDir), config: testConfig(), referenceDir });

/** Every snapshot of a build as the text of its rows, by name; reference_coverage without its fingerprints (an audience's are of the entries it uses). */
async function contents(build: SnapshotBuild): Promise<Record<string, string>> {
  return withDatabase(testSettings(tempDir()), async (db) => {
    const all: Record<string, string> = {};
    for (const { name } of build.snapshots) {
      const rows = await db.rows(`SELECT * ${name === "reference_coverage" ? "EXCLUDE (fingerprint)" : ""} FROM read_parquet(${sqlString(path.join(build.dir, `${name}.parquet`))}) ORDER BY ALL`);
      all[name] = JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    }
    return all;
  });
}

function expectSameSnapshots(actual: Record<string, string>, expected: Record<string, string>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const name of Object.keys(expected)) expect(actual[name], name).toBe(expected[name]);
}

/** Partitions holding only the audience's events of `root` (the same files, filtered). */
async function filteredCopy(root: string, audience: Audience): Promise<string> {
  const target = tempDir();
  await withDatabase(testSettings(tempDir()), async (db) => {
    for (const p of listPartitions(root)) {
      const file = path.join(monthFolder(target, p.month), "part-0.parquet");
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await db.run(`COPY (SELECT * FROM read_parquet([${p.files.map((f) => sqlString(f.path)).join(", ")}]) WHERE ${audienceFilterSql(audience)})
        TO ${sqlString(file)} (FORMAT parquet)`);
    }
  });
  return target;
}

describe("audiences of the hand-made fixture", () => {
  const audiences: Audience[] = [
    { name: "toys-phones", categories: ["electronics", "kids"] },
    // brands are compared without case and outer spaces
    { name: "zeta", brands: ["ZETA "] },
    // both filters: an event must pass both
    { name: "alpha-kids", brands: ["alpha"], categories: ["kids"] },
  ];
  let builds: Record<string, SnapshotBuild>;
  beforeAll(async () => {
    const root = tempDir();
    await writePartitions(root, FIXTURE_ROWS);
    // reference files whose entries are mostly other audiences' (the last test)
    const reference = tempDir();
    fs.writeFileSync(path.join(reference, "brands.csv"), `brand,display_name,group\nalpha,Alpha,Toy Group\n${HTML_BRAND},Image Brand,Shoe Group\nacme,ACME Corp,Acme Holding\n`);
    fs.writeFileSync(path.join(reference, "products.csv"), "product_id,name\n200,Wooden train\n300,Red shoe\n");
    const cache = tempDir();
    const result = await buildAudienceSnapshots(options(root, cache, reference), [...audiences, { name: "shoes", categories: ["apparel"] }]);
    builds = Object.fromEntries(result.builds.map(({ audience, build }) => [audience.name, build]));
  });

  it("toys-phones: the events of electronics.* and kids.*, counted by hand", () => {
    // S1's view and cart of product 100 (electronics.phone, October; its purchase in November has no
    // category_code, so it is not the audience's), S2's three views and purchase of product 200
    // (kids.toys, November), S7's cart of product 100 (December)
    const overview = readSnapshot(builds["toys-phones"]!, "overview");
    expectRows(overview.filter((r) => r.month === "all"), [{
      month: "all", first_time: "2019-10-31 23:58:00", last_time: "2019-12-02 18:00:00", events: 7, views: 4, carts: 2, purchases: 1,
      revenue: 50, users: 3, sessions: 3, purchase_sessions: 1, conversion_rate: 1 / 3,
    }]);
    // in the audience S1 ends in October, without a purchase: the month end is not crossed
    expect(overview.filter((r) => r.month !== "all").map((r) => [r.month, r.events, r.sessions, r.purchase_sessions])).toEqual([
      ["2019-10", 2, 1, 0], ["2019-11", 4, 1, 1], ["2019-12", 1, 1, 0],
    ]);
    expectRows(readSnapshot(builds["toys-phones"]!, "funnel"), [
      { event_type: "view", stage: 1, events: 4, users: 2, sessions: 2 },
      { event_type: "cart", stage: 2, events: 2, users: 2, sessions: 2 },
      { event_type: "purchase", stage: 3, events: 1, users: 1, sessions: 1 },
    ]);
    // S2 bought (10:00 to 10:06, 4 events); S1 (23:58 to 23:59, 2 events) and S7 (one event) did not
    expectRows(readSnapshot(builds["toys-phones"]!, "sessions"), [
      { segment: "purchaser", sessions: 1, mean_duration_s: 360, median_duration_s: 360, mean_events: 4, median_events: 4 },
      { segment: "non_purchaser", sessions: 2, mean_duration_s: 30, median_duration_s: 30, mean_events: 1.5, median_events: 1.5 },
    ]);
  });

  it("a brand filter ignores case and outer spaces; two filters both apply", () => {
    // zeta: S2's view at 10:05 only
    expect(readSnapshot(builds.zeta!, "overview").find((r) => r.month === "all")).toMatchObject({ events: 1, views: 1, purchases: 0, users: 1, sessions: 1 });
    // alpha and kids: S2's two alpha views (10:00, 10:05), not the zeta view nor the purchase without a brand
    expectRows(readSnapshot(builds["alpha-kids"]!, "sessions"), [
      { segment: "non_purchaser", sessions: 1, mean_duration_s: 300, median_duration_s: 300, mean_events: 2, median_events: 2 },
    ]);
  });

  it("an audience that matches no event stops the build, naming it", async () => {
    const root = tempDir();
    await writePartitions(root, FIXTURE_ROWS);
    await expect(buildAudienceSnapshots(options(root, tempDir()), [{ name: "nobody", brands: ["no such brand"] }])).rejects.toThrow(/the audience "nobody" has no event in the months shown/);
  });

  it("its reference entries are only those its events use: no other name is in its snapshots", async () => {
    // shoes: product 300 of the HTML brand (apparel.shoes)
    const build = builds.shoes!;
    const coverage = readSnapshot(build, "reference_coverage");
    expect(coverage.map((r) => [r.file, r.entries, r.unused_entries])).toEqual([["reference/brands.csv", 1, 0], ["reference/products.csv", 1, 0]]);
    expect(readSnapshot(build, "brand_groups").map((r) => [r.month, r.brand_group, r.purchases])).toEqual([["all", "Shoe Group", 1], ["2019-11", "Shoe Group", 1]]);
    const text = Object.values(await contents(build)).join("\n");
    expect(text).toContain("Red shoe");
    for (const other of ["ACME Corp", "Acme Holding", "Alpha", "Toy Group", "Wooden train", "acme"]) expect(text).not.toContain(other);
  });
});

describe("audiences of generated data", () => {
  // two audiences that overlap (an event of samsung's in electronics belongs to both)
  const audiences: Audience[] = [{ name: "samsung", brands: ["samsung"] }, { name: "electronics", categories: ["electronics"] }];
  let all: string;
  let scratch: Record<string, SnapshotBuild>;
  // reference data with a group and a department, all of whose entries name events of the electronics audience
  let reference: string;
  const options = (dataRoot: string, cacheDir: string) => ({ dataRoot, cacheDir, settings: testSettings(cacheDir), config: testConfig(), referenceDir: reference });
  beforeAll(async () => {
    reference = tempDir();
    fs.writeFileSync(path.join(reference, "brands.csv"), "brand,display_name,group\nsamsung,Samsung,Phone makers\napple,Apple,Phone makers\n");
    fs.writeFileSync(path.join(reference, "categories.csv"), "category,display_name,department\nelectronics.smartphone,Phones,Mobile\nelectronics.audio.headphone,Headphones,Mobile\n");
    // three months of generated events (fewer months: fewer builds' worth of rollups; two month ends to cross)
    const generated = tempDir();
    await generateDemo({ events: 30_000, seed: 31, out: generated, settings: testSettings(tempDir()) });
    all = tempDir();
    for (const p of listPartitions(generated).slice(0, 3)) fs.cpSync(p.dir, monthFolder(all, p.month), { recursive: true, preserveTimestamps: true });
    const cache = tempDir();
    const result = await buildAudienceSnapshots(options(all, cache), audiences);
    expect(result.scanned).toEqual(listPartitions(all).map((p) => p.month));
    scratch = Object.fromEntries(result.builds.map(({ audience, build }) => [audience.name, build]));
  });

  it("an audience's snapshots equal the whole shop's built from data holding only its events", async () => {
    // a category audience: its sessions cross month ends as the shop's do
    const audience = audiences[1]!;
    const cache = tempDir();
    const shop = await buildSnapshots(options(await filteredCopy(all, audience), cache));
    expectSameSnapshots(await contents(scratch[audience.name]!), await contents(shop));
  });

  it("adding a month reads it once for all the audiences, and gives what a build from scratch gives (reference data included)", async () => {
    const partitions = listPartitions(all);
    const growing = tempDir();
    for (const p of partitions.slice(0, -1)) fs.cpSync(p.dir, monthFolder(growing, p.month), { recursive: true, preserveTimestamps: true });
    const cache = tempDir();
    await buildAudienceSnapshots(options(growing, cache), audiences);
    const last = partitions.at(-1)!;
    fs.cpSync(last.dir, monthFolder(growing, last.month), { recursive: true, preserveTimestamps: true });
    const logged: string[] = [];
    const after = await buildAudienceSnapshots({ ...options(growing, cache), log: (m) => logged.push(m) }, audiences);
    expect(after.scanned).toEqual([last.month]);
    expect(logged.filter((m) => m.startsWith("audience rollups"))).toEqual([expect.stringMatching(new RegExp(`^audience rollups month=${last.month}: read once for 2 audiences`))]);
    for (const { audience, build } of after.builds) {
      expect(build.reused).toBeFalsy();
      expectSameSnapshots(await contents(build), await contents(scratch[audience.name]!));
    }
    // the group and department have their drill-down views in both audiences
    const kinds = readSnapshot<{ kind: string; key: string }>(after.builds[0]!.build, "explore_documents").filter((d) => d.kind === "brand_group" || d.kind === "department");
    expect(kinds.map((d) => [d.kind, d.key])).toEqual([["brand_group", "Phone makers"], ["department", "Mobile"]]);
    // nothing changed: nothing read, the snapshots reused
    const again = await buildAudienceSnapshots(options(growing, cache), audiences);
    expect(again.scanned).toEqual([]);
    expect(again.builds.every(({ build }) => build.reused)).toBe(true);
    // an audience taken out of the configuration: its cache goes
    expect(fs.readdirSync(path.join(cache, "audiences")).sort()).toEqual(["electronics", "samsung"]);
    await buildAudienceSnapshots(options(growing, cache), [audiences[0]!]);
    expect(fs.readdirSync(path.join(cache, "audiences"))).toEqual(["samsung"]);
  });
});

describe("audiences in the configuration", () => {
  it("are checked: a name that makes a folder, a filter, unique names", () => {
    const problems = (value: unknown) => {
      const result = AudiencesSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(problems([{ name: "samsung", brands: ["samsung"] }, { name: "kitchen-team", title: "Kitchen", categories: ["appliances.kitchen"] }])).toEqual([]);
    expect(problems([{ name: "../up", brands: ["x"] }])).toEqual([expect.stringMatching(/^0\.name: expected lower-case letters, digits and hyphens/)]);
    expect(problems([{ name: "empty" }])).toEqual(["0: an audience needs brands, categories or both"]);
    expect(problems([{ name: "bad", categories: ["electronics..audio"] }])).toEqual([expect.stringMatching(/^0\.categories\.0: expected a category code/)]);
    expect(problems([{ name: "a", brands: ["x"] }, { name: "a", brands: ["y"] }])).toEqual([": two audiences have the same name"]);
  });

  it("are described in words on their site", () => {
    expect(audienceDescription({ name: "a", brands: ["samsung"] })).toBe("the events of brand samsung");
    expect(audienceDescription({ name: "a", brands: ["samsung", "lg", "sony"], categories: ["electronics.video"] })).toBe("the events of brands samsung, lg or sony in category electronics.video (and below)");
  });
});
