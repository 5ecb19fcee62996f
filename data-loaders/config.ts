// Where things are: the one place that reads the environment for paths.
import path from "node:path";
import { PROJECT_ROOT } from "./sql-files.ts";

/** Rollups, snapshots and DuckDB's spill files (CLICKSTREAM_CACHE, default .cache). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(PROJECT_ROOT, env.CLICKSTREAM_CACHE || ".cache");
}
