// The five main snapshots written the straightforward way (sql/reference/reference_<snapshot>.sql), each
// a full scan of the raw `events`: the tests' cross-check of the rollup-based snapshots and the
// benchmark's baseline.
import path from "node:path";
import type { Database } from "../shared/duckdb.ts";
import { readSql, sqlString } from "../shared/sql-files.ts";
import { MAIN_SNAPSHOTS } from "./snapshots.ts";

/**
 * Runs each reference query over the `events` view into <dir>/<snapshot>.<format>; returns the seconds
 * each took.
 */
export async function writeReferenceSnapshots(db: Database, dir: string, format: "parquet" | "json"): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const name of MAIN_SNAPSHOTS) {
    const started = performance.now();
    const options = format === "json" ? "FORMAT json, ARRAY true" : "FORMAT parquet";
    await db.run(`COPY (${readSql(`reference/reference_${name}`)}) TO ${sqlString(path.join(dir, `${name}.${format}`))} (${options})`);
    seconds[name] = (performance.now() - started) / 1000;
  }
  return seconds;
}
