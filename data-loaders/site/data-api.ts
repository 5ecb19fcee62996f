// The static data API: JSON files under dist/api/ that a shop's own site can fetch (see the README).
//
//   api/manifest.json                          what the build was made from, and the URL of each resource
//   api/recommendations/<product_id>.json      a product's also_bought and viewed_then_bought lists, with
//                                              labels (sql/api_recommendations.sql); none for a product
//                                              without a recommendation (a 404 means "nothing to show")
//
// The documents are made in SQL; this writes one file per row, a chunk of rows at a time.
import fs from "node:fs";
import path from "node:path";
import type { BuildInfo } from "./page-data.ts";
import { withDatabase, type DuckDBSettings } from "../shared/duckdb.ts";
import { sqlString } from "../shared/sql-files.ts";
import type { SnapshotBuild } from "../snapshots/snapshots.ts";

/** Bumped when a document's shape changes in a way a caller would notice. */
export const API_VERSION = 1;
const CHUNK = 20_000;

export interface ApiWritten {
  files: number;
  bytes: number;
}

/** Writes api/ into `site` (a staged site folder) from the build's snapshots. */
export async function writeDataApi(build: SnapshotBuild, info: BuildInfo, site: string, settings: DuckDBSettings): Promise<ApiWritten> {
  const dir = path.join(site, "api");
  const documents = path.join(dir, "recommendations");
  fs.mkdirSync(documents, { recursive: true });
  const source = sqlString(path.join(build.dir, "api_recommendations.parquet"));
  let files = 0;
  let bytes = 0;
  await withDatabase(settings, async (db) => {
    // product ids are integers (the schema says so), so they make safe file names
    for (let offset = 0; ; offset += CHUNK) {
      const rows = await db.rows<{ product_id: string | number; document: string }>(
        `SELECT product_id::VARCHAR AS product_id, document::VARCHAR AS document FROM read_parquet(${source}) ORDER BY product_id LIMIT ${CHUNK} OFFSET ${offset}`,
      );
      for (const { product_id, document } of rows) {
        fs.writeFileSync(path.join(documents, `${product_id}.json`), document);
        files += 1;
        bytes += Buffer.byteLength(document);
      }
      if (rows.length < CHUNK) break;
    }
  });
  const manifest = JSON.stringify({
    api: API_VERSION,
    built_at: info.builtAt,
    data_fingerprint: info.dataFingerprint,
    audience: info.audience?.name ?? null,
    months: info.months,
    first_event: info.firstEvent,
    last_event: info.lastEvent,
    resources: {
      recommendations: {
        url: "recommendations/{product_id}.json",
        products: files,
        about: "also_bought (products bought by the same users) and viewed_then_bought (products bought after a view in the same session), top 10 each; no file for a product without either",
      },
    },
  }, null, 2);
  fs.writeFileSync(path.join(dir, "manifest.json"), manifest);
  return { files: files + 1, bytes: bytes + Buffer.byteLength(manifest) };
}
