// The demo generator: the same seed gives the same files whatever the thread count, and the data has
// the shape of the real export.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../data-loaders/shared/config.ts";
import { DEMO_TARGETS } from "../data-loaders/demo/targets.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { DEMO_MONTHS, generateDemo, measureShape, type ShapeFigure } from "../data-loaders/demo/generate.ts";
import { listPartitions } from "../data-loaders/shared/layout.ts";
import { tempDir, testSettings } from "./helpers.ts";

function fileHashes(root: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const partition of listPartitions(root)) {
    for (const file of partition.files) {
      hashes[path.relative(root, file.path)] = createHash("sha256").update(fs.readFileSync(file.path)).digest("hex");
    }
  }
  return hashes;
}

describe("determinism", () => {
  it("writes identical files for the same seed with 1 or 2 threads, and other files for another seed", async () => {
    const cache = tempDir();
    const [one, two, other] = [tempDir(), tempDir(), tempDir()];
    await generateDemo({ events: 200_000, seed: 7, out: one, settings: { ...testSettings(cache), threads: 1 } });
    await generateDemo({ events: 200_000, seed: 7, out: two, settings: { ...testSettings(cache), threads: 2 } });
    await generateDemo({ events: 200_000, seed: 8, out: other, settings: testSettings(cache) });
    const hashes = fileHashes(one);
    expect(Object.keys(hashes)).toHaveLength(DEMO_MONTHS.length);
    expect(fileHashes(two)).toEqual(hashes);
    expect(Object.values(fileHashes(other))).not.toEqual(Object.values(hashes));
  });
});

describe("shape of the demo dataset", () => {
  let shape: ShapeFigure[];
  const { demo } = loadConfig();
  beforeAll(async () => {
    const out = tempDir();
    const settings = testSettings(tempDir());
    await generateDemo({ events: demo.events, seed: demo.seed, out, settings });
    shape = await withDatabase(settings, (db) => measureShape(db, out));
  });

  it("has about the requested number of events", () => {
    const events = shape.find((f) => f.name === "events")!.value;
    expect(Math.abs(events - demo.events) / demo.events).toBeLessThan(0.03);
  });

  it.each(DEMO_TARGETS.filter((t) => t.checked).map((t) => [t.name, t] as const))("%s is within 10%% of the target", (name, target) => {
    const value = shape.find((f) => f.name === name)?.value;
    expect(value, `${name} is not measured`).toBeTypeOf("number");
    expect(Math.abs(value! - target.target) / target.target, `${name} = ${value}, target ${target.target}`).toBeLessThanOrEqual(0.1);
  });

  it("has every quirk of the real export", () => {
    const figure = (name: string) => shape.find((f) => f.name === name)!.value;
    for (const quirk of ["sessions_across_midnight", "sessions_across_month_end", "sessions_with_two_users", "empty_session_rows"]) {
      expect(figure(quirk), quirk).toBeGreaterThan(0);
    }
    expect(figure("price_zero_share")).toBeGreaterThan(0);
    expect(figure("purchases_without_cart_share")).toBeGreaterThan(0);
  });
});
