// Orders SQL files so that each runs after the ones it reads: a file depends on another when its SQL
// (comments left out) reads that file's table: FROM or JOIN it, or pass its name to a table macro
// (FROM leaderboard('product_ranking')). No list to keep up to date when a file is added.
import fs from "node:fs";
import path from "node:path";

export interface SqlFile {
  /** table name: the file name without .sql, with `prefix` */
  name: string;
  file: string;
  sql: string;
}

/** The .sql files of a folder (not its subfolders), named `${prefix}${basename}`. */
export function sqlFilesIn(dir: string, prefix = ""): SqlFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { name: prefix + path.basename(name, ".sql"), file, sql: fs.readFileSync(file, "utf8") };
    });
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "");
}

/** Names of `candidates` that the SQL reads (FROM or JOIN them, or a table macro's quoted argument). */
export function referencedNames(sql: string, candidates: Iterable<string>): string[] {
  const code = stripComments(sql);
  const read = new Set([
    ...[...code.replace(/'(?:[^']|'')*'/g, "''").matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1]!),
    ...[...code.matchAll(/\b(?:FROM|JOIN)\s+[A-Za-z_]\w*\(\s*'([A-Za-z_]\w*)'/gi)].map((m) => m[1]!),
  ].map((name) => name.toLowerCase()));
  return [...candidates].filter((name) => read.has(name.toLowerCase()));
}

/** Files in an order where every file comes after the files it reads. Throws on a cycle. */
export function dependencyOrder(files: SqlFile[]): SqlFile[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const ordered: SqlFile[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (file: SqlFile, trail: string[]) => {
    if (state.get(file.name) === "done") return;
    if (state.get(file.name) === "visiting") throw new Error(`SQL files read each other in a cycle: ${[...trail, file.name].join(" -> ")}`);
    state.set(file.name, "visiting");
    for (const name of referencedNames(file.sql, byName.keys())) if (name !== file.name) visit(byName.get(name)!, [...trail, file.name]);
    state.set(file.name, "done");
    ordered.push(file);
  };
  for (const file of files) visit(file, []);
  return ordered;
}
