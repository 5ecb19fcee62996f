// The drill-down views' data: files of documents under dist/explore/ that the product, brand and
// category pages fetch by the entity in their link (see sql/explore_documents.sql and explore_index.sql).
//
//   explore/shards.json               {product_shards, first_keys: {brand: [[key, shard], ...], ...}}: which file
//                                     holds an entity (a product's: id modulo product_shards; the others':
//                                     the last file whose first key is at or before theirs, in byte order)
//   explore/search.json               {entities: [[kind, key, label or null when it is the key, revenue], ...]}:
//                                     every brand and category, and the top products, for the search box
//   explore/<kind>/<shard>.json       one line per entity of the shard: {"key": ..., "document": {...}}
//
// A view loads shards.json (a few KB) and one file; the search box loads search.json when it is used.
// Written outside Framework: the number of files grows with the data, and Framework would hash and copy
// each one.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { withDatabase, type DuckDBSettings } from "../shared/duckdb.ts";
import { sqlString } from "../shared/sql-files.ts";
import type { SnapshotBuild } from "../snapshots/snapshots.ts";

export const EXPLORE_KINDS = ["product", "brand", "category", "category_id", "brand_group", "department"] as const;
/** How many products the search box can suggest without loading more (the best by revenue). */
const SEARCH_PRODUCTS = 500;

export interface ExploreWritten {
  files: number;
  bytes: number;
  /** the largest file of documents, and its size gzip (with shards.json, what a view loads at most) */
  largestFile: number;
  largestGzip: number;
  /** shards.json and search.json, gzip */
  shardsGzip: number;
  searchGzip: number;
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
    const firsts = await db.rows<{ kind: string; shard: number; first_key: string }>(`
      SELECT kind, shard, min(key) AS first_key FROM read_parquet(${index}) WHERE kind <> 'product' GROUP BY ALL ORDER BY kind, shard`);
    const shards = {
      product_shards: await db.number(`SELECT coalesce(max(product_shards), 1) FROM read_parquet(${index})`),
      first_keys: Object.fromEntries(EXPLORE_KINDS.filter((k) => k !== "product").map((k) => [k, firsts.filter((f) => f.kind === k).map((f) => [f.first_key, String(f.shard)])])),
    };
    fs.writeFileSync(path.join(dir, "shards.json"), JSON.stringify(shards));
    const [found] = await db.rows<{ search: string }>(`
      SELECT to_json({
        'entities': coalesce(list([kind, key, nullif(label, key), revenue::VARCHAR] ORDER BY kind, revenue DESC, key), [])
      })::VARCHAR AS search
      FROM read_parquet(${index})
      WHERE kind <> 'product' OR key IN (
        SELECT key FROM read_parquet(${index}) WHERE kind = 'product' ORDER BY revenue DESC, purchases DESC, key LIMIT ${SEARCH_PRODUCTS})`);
    fs.writeFileSync(path.join(dir, "search.json"), found!.search);
  });
  let files = 0;
  let bytes = 0;
  let largest = { file: "", size: 0 };
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const size = fs.statSync(file).size;
    files += 1;
    bytes += size;
    if (entry.parentPath !== dir && size > largest.size) largest = { file, size };
  }
  const gzipped = (file: string) => (file ? zlib.gzipSync(fs.readFileSync(file)).length : 0);
  return {
    files, bytes, largestFile: largest.size, largestGzip: gzipped(largest.file),
    shardsGzip: gzipped(path.join(dir, "shards.json")), searchGzip: gzipped(path.join(dir, "search.json")),
  };
}
