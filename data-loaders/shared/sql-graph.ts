// The SQL files that make tables, and the order they run in. A file makes the table its name says
// (sql/rollups/rollup_products.sql makes rollup_products), and runs after the files whose tables it
// reads. What a file reads is found by DuckDB's own parser (json_serialize_sql): every table it selects
// from or joins, however it is joined, except its own CTEs; and a table named by a string argument of a
// table macro (FROM leaderboard('product_ranking')). So adding a file needs no list.
import fs from "node:fs";
import path from "node:path";
import type { Database } from "./duckdb.ts";
import { sqlString } from "./sql-files.ts";

export interface SqlFile {
  /** the table it makes: the file name without .sql */
  name: string;
  file: string;
  sql: string;
}

/** A name DuckDB and a reader both take as a table name without quotes. */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** The .sql files of a folder (not its subfolders), by name; a name that is no plain identifier is refused. */
export function sqlFilesIn(dir: string): SqlFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const table = path.basename(name, ".sql");
      if (!PLAIN_IDENTIFIER.test(table)) {
        throw new Error(`${file}: a SQL file's name is the table it makes, so it must be lower case letters, digits and _ (starting with a letter or _), like daily_revenue.sql`);
      }
      return { name: table, file, sql: fs.readFileSync(file, "utf8") };
    });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Table names a parsed query reads; `scope` holds the CTE names visible where `node` is. */
function collectReads(node: Json, scope: ReadonlySet<string>, reads: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) collectReads(child, scope, reads);
    return;
  }
  if (node === null || typeof node !== "object") return;
  let inner = scope;
  const ctes = (node.cte_map as { map?: { key: string; value: Json }[] } | undefined)?.map ?? [];
  if (ctes.length > 0) {
    // each CTE sees the ones before it; the query sees them all
    const visible = new Set(scope);
    for (const cte of ctes) {
      collectReads(cte.value, visible, reads);
      visible.add(cte.key.toLowerCase());
    }
    inner = visible;
  }
  if (node.type === "BASE_TABLE" && typeof node.table_name === "string" && !node.schema_name) {
    const table = node.table_name.toLowerCase();
    if (!inner.has(table)) reads.add(table);
  }
  if (node.type === "TABLE_FUNCTION") {
    const children = ((node.function as { children?: Json[] } | undefined)?.children ?? []) as { class?: string; value?: { value?: Json } }[];
    for (const child of children) {
      const value = child.class === "CONSTANT" ? child.value?.value : undefined;
      if (typeof value === "string" && !inner.has(value.toLowerCase())) reads.add(value.toLowerCase());
    }
  }
  for (const [key, value] of Object.entries(node)) if (key !== "cte_map") collectReads(value, inner, reads);
}

/** The tables (and table-macro arguments) a SQL file's query reads, as DuckDB parses it. */
export async function tablesRead(db: Database, file: SqlFile): Promise<Set<string>> {
  const [row] = await db.rows<{ parsed: string }>(`SELECT json_serialize_sql(${sqlString(file.sql)}) AS parsed`);
  const parsed = JSON.parse(row!.parsed) as { error?: boolean; error_message?: string; statements?: Json[] };
  if (parsed.error) throw new Error(`${file.file}: cannot be parsed as one SELECT query: ${parsed.error_message}`);
  const reads = new Set<string>();
  collectReads(parsed.statements ?? [], new Set(), reads);
  return reads;
}

/** Files in an order where every file comes after the files whose tables it reads. Throws on a cycle. */
export async function dependencyOrder(db: Database, files: SqlFile[]): Promise<SqlFile[]> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const reads = new Map<string, string[]>();
  for (const file of files) reads.set(file.name, [...(await tablesRead(db, file))].filter((name) => byName.has(name) && name !== file.name));
  const ordered: SqlFile[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (file: SqlFile, trail: string[]) => {
    if (state.get(file.name) === "done") return;
    if (state.get(file.name) === "visiting") throw new Error(`SQL files read each other in a cycle: ${[...trail, file.name].join(" -> ")}`);
    state.set(file.name, "visiting");
    for (const name of reads.get(file.name)!) visit(byName.get(name)!, [...trail, file.name]);
    state.set(file.name, "done");
    ordered.push(file);
  };
  for (const file of files) visit(file, []);
  return ordered;
}
