// Reference data: the names the business keeps for what the data holds raw, in CSV files analysts edit
// in the repository's reference/ folder (not sql/reference/, the straightforward twins of the main
// snapshots). Each file and each column but the key is optional:
//
//   reference/brands.csv       brand,display_name,group          a raw brand as in the data (exact), its name, its owner
//   reference/categories.csv   category,display_name,department  a category_code, or a category_id (digits) for
//                                                                 the events without a code
//   reference/products.csv     product_id,name
//   (reference/calendar.csv, the dates the daily charts mark, is read by data-loaders/site/calendar.ts)
//
// Checked when a build reads them: a malformed line or a key given twice stops the build with the file,
// the line and the problem. The rows become the tables ref_brands, ref_categories and ref_products for the
// snapshots (empty when a file is absent); the files' fingerprints are part of the snapshot cache's key,
// so a change rebuilds the snapshots from the cached rollups without scanning a month again.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as d3 from "d3";
import { z } from "zod";
import { writeFileAtomic } from "../shared/atomic.ts";
import type { Database } from "../shared/duckdb.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { PROJECT_ROOT, readSql, sqlString } from "../shared/sql-files.ts";

export const REFERENCE_DIR = path.join(PROJECT_ROOT, "reference");

interface ReferenceFile {
  /** the file's name in reference/ and the table it becomes */
  file: string;
  table: string;
  /** the key column, then the optional ones, as written in the header; `as`: the table's column name */
  key: string;
  optional: { name: string; as: string }[];
  /** the key's form */
  check: (key: string) => string | null;
  /** the table's columns from a row (key first) */
  columns: string[];
  row: (key: string, values: Record<string, string>) => (string | number | null)[];
}

const INTEGER = /^\d{1,19}$/;
const blankToNull = (value: string | undefined) => (value == null || value.trim() === "" ? null : value.trim());

export const REFERENCE_FILES: ReferenceFile[] = [
  {
    file: "brands.csv", table: "ref_brands", key: "brand", optional: [{ name: "display_name", as: "display_name" }, { name: "group", as: "brand_group" }],
    check: () => null,
    columns: ["brand", "display_name", "brand_group"],
    row: (key, v) => [key, blankToNull(v.display_name), blankToNull(v.group)],
  },
  {
    file: "categories.csv", table: "ref_categories", key: "category", optional: [{ name: "display_name", as: "display_name" }, { name: "department", as: "department" }],
    check: (key) => (INTEGER.test(key) || /^[^\s.]+(\.[^\s.]+)*$/.test(key) ? null : `"${key}" is neither a category_code (words joined by dots) nor a category_id (digits)`),
    columns: ["category_code", "category_id", "display_name", "department"],
    row: (key, v) => [INTEGER.test(key) ? null : key, INTEGER.test(key) ? key : null, blankToNull(v.display_name), blankToNull(v.department)],
  },
  {
    file: "products.csv", table: "ref_products", key: "product_id", optional: [{ name: "name", as: "name" }],
    check: (key) => (INTEGER.test(key) ? null : `product_id "${key}" is not an integer`),
    columns: ["product_id", "name"],
    row: (key, v) => [key, blankToNull(v.name)],
  },
];

export interface ReferenceData {
  /** per file present: its rows as the table's columns, and its fingerprint */
  tables: { file: ReferenceFile; rows: (string | number | null)[][]; fingerprint: string }[];
}

/**
 * A reference CSV's header (trimmed) and its records that are not blank, each with its line (the header
 * is line 1, a record one line): where every reader of reference/ starts (the calendar's too).
 */
export function csvRecords(text: string): { header: string[]; records: { line: number; fields: string[] }[] } {
  const [header = [], ...rows] = d3.csvParseRows(text.replace(/^\uFEFF/, ""));
  const records = rows.map((fields, i) => ({ line: i + 2, fields })).filter(({ fields }) => fields.some((f) => f.trim() !== ""));
  return { header: header.map((h) => h.trim()), records };
}

/** A record with the wrong number of fields, in words. */
export const fieldCountProblem = (fields: string[], expected: number) => `${fields.length} fields, expected ${expected} (quote a value that holds a comma)`;

/** Reads and checks every reference file present in `dir`; throws one message naming each problem by file and line. */
export function readReferenceData(dir = REFERENCE_DIR): ReferenceData {
  const problems: string[] = [];
  const tables: ReferenceData["tables"] = [];
  for (const file of REFERENCE_FILES) {
    const full = path.join(dir, file.file);
    if (!fs.existsSync(full)) continue;
    const text = fs.readFileSync(full, "utf8");
    const where = (line: number) => `reference/${file.file}, line ${line}`;
    const { header: names, records } = csvRecords(text);
    const allowed = [file.key, ...file.optional.map((o) => o.name)];
    const unknown = names.filter((n) => !allowed.includes(n));
    if (names[0] !== file.key || unknown.length || new Set(names).size !== names.length) {
      problems.push(`${where(1)}: the header must start with ${file.key} and may name ${allowed.slice(1).join(", ")} (each once)${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`);
      continue;
    }
    const seen = new Map<string, number>();
    const rows: ReferenceData["tables"][number]["rows"] = [];
    records.forEach(({ line, fields }) => {
      if (fields.length !== names.length) return void problems.push(`${where(line)}: ${fieldCountProblem(fields, names.length)}`);
      const values = Object.fromEntries(names.map((n, j) => [n, fields[j]!]));
      // brands are matched exactly as the data has them ("Samsung " is not "samsung"); other keys are trimmed
      const key = file.key === "brand" ? values[file.key]! : values[file.key]!.trim();
      if (key.trim() === "") return void problems.push(`${where(line)}: the ${file.key} is empty`);
      const bad = file.check(key);
      if (bad) return void problems.push(`${where(line)}: ${bad}`);
      if (seen.has(key)) return void problems.push(`${where(line)}: ${file.key} ${JSON.stringify(key)} is given twice (first on line ${seen.get(key)})`);
      seen.set(key, line);
      rows.push(file.row(key, values));
    });
    tables.push({ file, rows, fingerprint: `sha256:${createHash("sha256").update(text).digest("hex")}` });
  }
  if (problems.length) throw new Error(`the reference data is not valid:\n  - ${problems.join("\n  - ")}`);
  return { tables };
}

/** The part of the snapshot key that changes when a reference file does. */
export function referenceKey(data: ReferenceData): string {
  return data.tables.map((t) => `${t.file.file} ${t.fingerprint}`).join("\n");
}

const HistorySchema = z.record(z.string(), z.object({ fingerprint: z.string(), since: z.iso.datetime() }).strict());

/**
 * Each file's fingerprint and since when the builds have seen that content, kept in
 * <cache>/reference-history.json (which CI saves with the rollups): the Data quality page shows when a
 * file last changed. Not part of the snapshots, which are the same whichever cache built them.
 */
export function referenceHistory(cacheDir: string, data = readReferenceData(), now = new Date().toISOString()): { file: string; fingerprint: string; since: string }[] {
  const file = path.join(cacheDir, "reference-history.json");
  const history = fs.existsSync(file) ? readJsonFile(file, HistorySchema, "reference history") : {};
  const next = Object.fromEntries(data.tables.map((t) => {
    const known = history[t.file.file];
    return [t.file.file, known?.fingerprint === t.fingerprint ? known : { fingerprint: t.fingerprint, since: now }];
  }));
  if (JSON.stringify(next) !== JSON.stringify(history)) writeFileAtomic(file, JSON.stringify(next, null, 1));
  return data.tables.map((t) => ({ file: `reference/${t.file.file}`, fingerprint: t.fingerprint, since: next[t.file.file]!.since }));
}

/** The tables ref_brands, ref_categories, ref_products (empty when a file is absent) and reference_files. */
export async function createReferenceTables(db: Database, data: ReferenceData, scratch: string): Promise<void> {
  for (const file of REFERENCE_FILES) {
    const rows = data.tables.find((t) => t.file === file)?.rows ?? [];
    const types = file.columns.map((c) => `${c} ${c === "product_id" || c === "category_id" ? "BIGINT" : "VARCHAR"}`).join(", ");
    await db.run(`CREATE OR REPLACE TEMP TABLE ${file.table} (${types})`);
    if (rows.length === 0) continue;
    // through a JSON file: a products file may have a million rows
    const json = path.join(scratch, `${file.table}.json`);
    fs.mkdirSync(scratch, { recursive: true });
    fs.writeFileSync(json, JSON.stringify(rows.map((r) => Object.fromEntries(file.columns.map((c, i) => [c, r[i]])))));
    await db.run(`INSERT INTO ${file.table} SELECT ${file.columns.join(", ")} FROM read_json(${sqlString(json)}, format = 'array', columns = {${file.columns.map((c) => `${c}: 'VARCHAR'`).join(", ")}})`);
    fs.rmSync(json);
  }
  await db.run("CREATE OR REPLACE TEMP TABLE reference_files (file VARCHAR, fingerprint VARCHAR, rows BIGINT)");
  for (const t of data.tables) await db.run("INSERT INTO reference_files VALUES ($1, $2, $3)", [`reference/${t.file.file}`, t.fingerprint, t.rows.length]);
}

/** In an audience's build: only the reference entries its events use (sql/audiences/used_reference_entries.sql). */
export async function keepUsedReferenceEntries(db: Database): Promise<void> {
  await db.run(readSql("audiences/used_reference_entries"));
}
