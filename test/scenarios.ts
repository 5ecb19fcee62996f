// The datasets the site is built on in the tests, written as partitions (not the demo: every page must
// read right on data that is not the demo dataset):
// - the hand-made fixture (fixture.ts): three months with every quirk, figures known by hand;
// - a partial day, like the real rows in ../shared: one month holding two days and a few hours of
//   generated events, with most cart rows gone, so that cart -> purchase passes 100%, and enough brands
//   that some are outside the top ones the brand page loads first.
import path from "node:path";
import { generateDemo } from "../data-loaders/demo/generate.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { listPartitions, monthFolder } from "../data-loaders/shared/layout.ts";
import { sqlString } from "../data-loaders/shared/sql-files.ts";
import fs from "node:fs";
import { FIXTURE_ROWS } from "./fixture.ts";
import { tempDir, testSettings, writePartitions } from "./helpers.ts";

export const PARTIAL_DAY_END = "2019-10-03 02:50:00";

export async function writeFixture(root: string): Promise<void> {
  await writePartitions(root, FIXTURE_ROWS);
}

export async function writePartialDay(root: string): Promise<void> {
  const generated = tempDir();
  await generateDemo({ events: 400_000, seed: 5, out: generated, settings: testSettings(tempDir()) });
  const october = listPartitions(generated).find((p) => p.month === "2019-10")!;
  const target = path.join(monthFolder(root, "2019-10"), "part-0.parquet");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await withDatabase(testSettings(tempDir()), (db) => db.run(`COPY (
      SELECT * FROM read_parquet([${october.files.map((f) => sqlString(f.path)).join(", ")}])
      WHERE event_time < TIMESTAMP '${PARTIAL_DAY_END}' AND (event_type <> 'cart' OR hash(user_session::VARCHAR, product_id) % 4 = 0)
    ) TO ${sqlString(target)} (FORMAT parquet)`));
}
