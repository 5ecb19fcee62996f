// The rollup-based snapshots against the same figures computed the straightforward way (sql/reference/),
// on generated data that no expected value was written for.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeReferenceSnapshots } from "../data-loaders/snapshots/reference.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { generateDemo } from "../data-loaders/demo/generate.ts";
import { createEventsView, listPartitions } from "../data-loaders/shared/layout.ts";
import { buildSnapshots, MAIN_SNAPSHOTS } from "../data-loaders/snapshots/snapshots.ts";
import { readSnapshot, tempDir, testSettings } from "./helpers.ts";

function expectSameTable(name: string, got: Record<string, unknown>[], want: Record<string, unknown>[]) {
  expect(got.length, name).toBe(want.length);
  want.forEach((row, i) => {
    for (const [column, value] of Object.entries(row)) {
      const actual = got[i]![column];
      const where = `${name} row ${i} column ${column}: ${JSON.stringify(got[i])} vs ${JSON.stringify(row)}`;
      if (typeof value === "number" && !Number.isInteger(value)) expect(actual, where).toBeCloseTo(value, 6);
      else expect(actual, where).toEqual(value);
    }
  });
}

describe("snapshots agree with an independent computation", () => {
  it("on 150,000 generated events of an unseen seed", async () => {
    const root = tempDir();
    const cache = tempDir();
    const settings = testSettings(cache);
    await generateDemo({ events: 150_000, seed: 20261122, out: root, settings });
    const build = await buildSnapshots({ dataRoot: root, cacheDir: cache, settings });
    const out = tempDir();
    await withDatabase(settings, async (db) => {
      await createEventsView(db, listPartitions(root));
      await writeReferenceSnapshots(db, out, "json");
    });
    for (const name of MAIN_SNAPSHOTS) {
      const want = JSON.parse(fs.readFileSync(path.join(out, `${name}.json`), "utf8")) as Record<string, unknown>[];
      expect(want.length, `${name} reference is empty`).toBeGreaterThan(0);
      expectSameTable(name, readSnapshot(build, name), want);
    }
  });
});
