// The drill-down views' data: files of documents under dist/explore/ that the product, brand and
// category pages fetch by the entity in their link (see sql/explore_documents.sql and explore_index.sql).
//
//   explore/search.json               {product_shards, entities: [[kind, key, label, revenue, shard], ...]}:
//                                     every brand and category, and the top products, for the search box
//   explore/<kind>/<shard>.json       one line per entity of the shard: {"key": ..., "document": {...}}
//
// Written outside Framework: the number of files grows with the data, and Framework would hash and copy
// each one.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { withDatabase, type DuckDBSettings } from "../shared/duckdb.ts";
import { sqlString } from "../shared/sql-files.ts";
import type { SnapshotBuild } from "../snapshots/snapshots.ts";

export const EXPLORE_KINDS = ["product", "brand", "category", "category_id"] as const;
/** How many products the search box can suggest without loading more (the best by revenue). */
const SEARCH_PRODUCTS = 500;

export interface ExploreWritten {
  files: number;
  bytes: number;
  /** the largest file, and its size gzip (what a view loads at most, besides search.json) */
  largestFile: number;
  largestGzip: number;
}

/** Writes explore/ into `site` (a staged site folder) from the build's snapshots. */
export async function writeExplore(build: SnapshotBuild, site: string, settings: DuckDBSettings): Promise<ExploreWritten> {
  const dir = path.join(site, "explore");
  fs.mkdirSync(dir, { recursive: true });
  const documents = sqlString(path.join(build.dir, "explore_documents.parquet"));
  const index = sqlString(path.join(build.dir, "explore_index.parquet"));
  await withDatabase(settings, async (db) => {
    for (const kind of EXPLORE_KINDS) fs.mkdirSync(path.join(dir, kind));
    // one pass in file order, each file written when the next begins: a file's lines are all that is held
    let file = "";
    let lines: string[] = [];
    const flush = () => lines.length && fs.writeFileSync(file, `${lines.join("\n")}\n`);
    for await (const rows of db.rowChunks<{ kind: string; shard: number; line: string }>(`
      SELECT kind, i.shard, to_json({'key': d.key, 'document': d.document})::VARCHAR AS line
      FROM read_parquet(${documents}) d JOIN read_parquet(${index}) i USING (kind, key)
      ORDER BY kind, i.shard, d.key`)) {
      for (const { kind, shard, line } of rows) {
        const next = path.join(dir, kind, `${shard}.json`);
        if (next !== file) {
          flush();
          [file, lines] = [next, []];
        }
        lines.push(line);
      }
    }
    flush();
    const [found] = await db.rows<{ search: string }>(`
      SELECT to_json({
        'product_shards': coalesce(max(product_shards), 1),
        'entities': coalesce(list([kind, key, label, revenue::VARCHAR, shard::VARCHAR] ORDER BY kind, revenue DESC, key), [])
      })::VARCHAR AS search
      FROM read_parquet(${index})
      WHERE kind <> 'product' OR key IN (
        SELECT key FROM read_parquet(${index}) WHERE kind = 'product' ORDER BY revenue DESC, purchases DESC, key LIMIT ${SEARCH_PRODUCTS})`);
    fs.writeFileSync(path.join(dir, "search.json"), found!.search);
  });
  let files = 0;
  let bytes = 0;
  let largestFile = 0;
  let largest = "";
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const size = fs.statSync(path.join(entry.parentPath, entry.name)).size;
    files += 1;
    bytes += size;
    if (size > largestFile) [largestFile, largest] = [size, path.join(entry.parentPath, entry.name)];
  }
  const largestGzip = largest ? zlib.gzipSync(fs.readFileSync(largest)).length : 0;
  return { files, bytes, largestFile, largestGzip };
}
