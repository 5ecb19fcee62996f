// The snapshots of every audience (data-loaders/audiences/audience.ts), after the whole shop's. First each
// month whose audience rollups are missing is read once for all the audiences together
// (ensureAudienceRollups); then each audience's snapshots are built from its own rollups, as the whole
// shop's are from the shop's. The caches of audiences no longer configured are deleted.
import fs from "node:fs";
import path from "node:path";
import { type Audience } from "./audience.ts";
import { Database } from "../shared/duckdb.ts";
import { readSql } from "../shared/sql-files.ts";
import { ensureAudienceRollups } from "../snapshots/rollups.ts";
import { audienceCache, audiencesCacheRoot, buildSnapshots, shownPartitions, type BuildOptions, type SnapshotBuild } from "../snapshots/snapshots.ts";
import { loadConfig } from "../shared/config.ts";

export interface AudienceBuilds {
  builds: { audience: Audience; build: SnapshotBuild }[];
  /** the months whose files were read for the audiences' rollups (each once) */
  scanned: string[];
}

export async function buildAudienceSnapshots(opts: Omit<BuildOptions, "audience">, audiences: Audience[]): Promise<AudienceBuilds> {
  const log = opts.log ?? (() => {});
  const scanned: string[] = [];
  pruneAudienceCaches(opts.cacheDir, audiences);
  if (audiences.length === 0) return { builds: [], scanned };
  const caches = audiences.map((a) => audienceCache(opts.cacheDir, a));
  const db = await Database.open(opts.settings);
  try {
    await db.run(readSql("macros"));
    for (const partition of shownPartitions(opts.dataRoot, opts.config ?? loadConfig())) {
      const { rollups, scanned: read } = await ensureAudienceRollups(db, partition, caches);
      if (!read) continue;
      scanned.push(partition.month);
      const computed = rollups.filter((r) => !r.reused);
      log(`audience rollups month=${partition.month}: read once for ${computed.length} audience${computed.length === 1 ? "" : "s"}, ${computed.reduce((s, r) => s + r.seconds, 0).toFixed(2)} s`);
    }
  } finally {
    db.close();
  }
  const builds: AudienceBuilds["builds"] = [];
  for (const audience of audiences) builds.push({ audience, build: await buildSnapshots({ ...opts, audience }) });
  return { builds, scanned };
}

/** Deletes the caches of audiences the configuration no longer has. */
function pruneAudienceCaches(cacheDir: string, audiences: Audience[]): void {
  const root = audiencesCacheRoot(cacheDir);
  if (!fs.existsSync(root)) return;
  const names = new Set(audiences.map((a) => a.name));
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && !names.has(entry.name)) fs.rmSync(path.join(root, entry.name), { recursive: true, force: true });
  }
}
