// The SQL's shape: file names are table names, listed in sql/README.md; what a file reads is found by
// DuckDB's parser, so the files run in the right order.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { dependencyOrder, sqlFilesIn, tablesRead, type SqlFile } from "../data-loaders/shared/sql-graph.ts";
import { PROJECT_ROOT, SQL_DIR } from "../data-loaders/shared/sql-files.ts";
import { overlapFiles, rollupFiles } from "../data-loaders/snapshots/rollups.ts";
import { tempDir, testSettings } from "./helpers.ts";

const sql = (name: string, text: string): SqlFile => ({ name, file: `${name}.sql`, sql: text });
const reads = (text: string) => withDatabase(testSettings(tempDir()), async (db) => [...(await tablesRead(db, sql("q", text)))].sort());

describe("what a SQL file reads", () => {
  it("is every table it selects from or joins, comma joins and subqueries included", async () => {
    expect(await reads("SELECT * FROM a, b JOIN c USING (x) WHERE x IN (SELECT x FROM d) AND EXISTS (SELECT 1 FROM e)")).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("leaves out its own CTEs, also one named like a table, but not a table a CTE reads", async () => {
    expect(await reads("WITH products AS (SELECT * FROM rollup_products), x AS (SELECT * FROM products) SELECT * FROM x JOIN daily USING (day)"))
      .toEqual(["daily", "rollup_products"]);
    // a CTE is not visible inside itself: this one reads the table products
    expect(await reads("WITH products AS (SELECT * FROM products) SELECT * FROM products")).toEqual(["products"]);
  });

  it("includes a table named as a table macro's string argument", async () => {
    expect(await reads("SELECT * FROM leaderboard('product_ranking') UNION ALL SELECT * FROM session_bins('session_shapes')"))
      .toEqual(["product_ranking", "session_shapes"]);
  });

  it("orders files after those they read; data_quality's CTE product_rows is no dependency on products", async () => {
    const order = await withDatabase(testSettings(tempDir()), (db) =>
      dependencyOrder(db, [sql("c", "SELECT * FROM b, a"), sql("b", "SELECT * FROM a"), sql("a", "SELECT 1"), sql("products", "SELECT 1"),
        sql("data_quality", fs.readFileSync(path.join(SQL_DIR, "data_quality.sql"), "utf8"))]));
    const at = (name: string) => order.findIndex((f) => f.name === name);
    expect(at("a")).toBeLessThan(at("b"));
    expect(at("b")).toBeLessThan(at("c"));
    const dataQuality = await withDatabase(testSettings(tempDir()), (db) => tablesRead(db, sql("data_quality", fs.readFileSync(path.join(SQL_DIR, "data_quality.sql"), "utf8"))));
    expect([...dataQuality].sort()).toEqual(["rollup_days", "rollup_duplicates", "rollup_products", "rollup_session_stats"]);
  });

  it("stops on a cycle, naming it", async () => {
    await expect(withDatabase(testSettings(tempDir()), (db) => dependencyOrder(db, [sql("a", "SELECT * FROM b"), sql("b", "SELECT * FROM a")])))
      .rejects.toThrow("SQL files read each other in a cycle: a -> b -> a");
  });
});

describe("SQL file names", () => {
  it("a file name that is not a plain identifier is refused, naming the file", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "Daily-Revenue.sql"), "SELECT 1");
    expect(() => sqlFilesIn(dir)).toThrow(`${path.join(dir, "Daily-Revenue.sql")}: a SQL file's name is the table it makes`);
  });

  it("rollups, steps and overlaps carry their folder's prefix", () => {
    expect(rollupFiles().every((f) => /^(rollup|step)_/.test(f.name))).toBe(true);
    expect(overlapFiles().every((f) => f.name.startsWith("overlap_"))).toBe(true);
  });

  it("sql/README.md lists every table a file makes, under the file's name, and nothing else", () => {
    const readme = fs.readFileSync(path.join(SQL_DIR, "README.md"), "utf8");
    const listed = [...readme.matchAll(/^\| `(\w+)` \| [^|]+ \| `(sql\/[\w/]+\.sql)` \|$/gm)].map((m) => ({ table: m[1]!, file: m[2]! }));
    for (const { file } of listed) expect(fs.existsSync(path.join(PROJECT_ROOT, file)), file).toBe(true);
    // every file that makes one table is listed under its own name
    const oneTable = ["", "models", "rollups", "rollups/steps", "overlaps", "reference", "demo"].flatMap((dir) => sqlFilesIn(path.join(SQL_DIR, dir)))
      .filter((f) => !["macros", "setup", "shape"].includes(f.name));
    expect(oneTable.map((f) => ({ table: f.name, file: path.relative(PROJECT_ROOT, f.file) })).sort((a, b) => a.table.localeCompare(b.table)))
      .toEqual(listed.filter((l) => !l.file.endsWith("setup.sql") && !(l.file.endsWith("demo_sessions.sql") && l.table !== "demo_sessions")).sort((a, b) => a.table.localeCompare(b.table)));
    // the tables the demo setup makes are those it creates
    const setup = fs.readFileSync(path.join(SQL_DIR, "demo", "setup.sql"), "utf8");
    const made = [...setup.matchAll(/CREATE OR REPLACE TEMP TABLE (\w+)/g)].map((m) => m[1]);
    expect(listed.filter((l) => l.file.endsWith("setup.sql")).map((l) => l.table)).toEqual(made);
  });
});
