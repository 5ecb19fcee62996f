// The datasets the site is built on in the tests, written as partitions (not the demo: every page must
// read right on data that is not the demo dataset):
// - the hand-made fixture (fixture.ts): three months with every quirk, figures known by hand;
// - the same fixture in a copy of the project with the README's "Adding a report" example added
//   (addReadmeReport), so that the walkthrough is tested on the site the other tests read, and with a brand
//   group and a department whose names are markup (addFixtureReference);
// - a partial day, like the real rows in ../shared: one month holding two days and a few hours of
//   generated events, with most cart rows gone, so that cart -> purchase passes 100%, and enough brands
//   that some are outside the top ones the brand page loads first. Brands and category codes are renamed
//   to words found nowhere else (br0001q, cq01.s001q), so that a test can look for them in any file
//   (audiences: PARTIAL_DAY_AUDIENCES).
import path from "node:path";
import type { Audience } from "../data-loaders/audiences/audience.ts";
import { generateDemo } from "../data-loaders/demo/generate.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { listPartitions, monthFolder } from "../data-loaders/shared/layout.ts";
import { sqlString } from "../data-loaders/shared/sql-files.ts";
import fs from "node:fs";
import { FIXTURE_ROWS, HTML_BRAND, UMLAUT_BRAND } from "./fixture.ts";
import { PROJECT_ROOT } from "../data-loaders/shared/sql-files.ts";
import { tempDir, testSettings, writePartitions } from "./helpers.ts";

export const PARTIAL_DAY_END = "2019-10-03 02:50:00";

export async function writeFixture(root: string): Promise<void> {
  await writePartitions(root, FIXTURE_ROWS);
}

export async function writePartialDay(root: string): Promise<void> {
  const generated = tempDir();
  await generateDemo({ events: 400_000, seed: 5, out: generated, settings: testSettings(tempDir()) });
  const october = listPartitions(generated).find((p) => p.month === "2019-10")!;
  const target = path.join(monthFolder(root, "2019-10"), "part-0.parquet");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await withDatabase(testSettings(tempDir()), (db) => db.run(`COPY (
      SELECT * REPLACE (
        CASE WHEN brand IS NOT NULL THEN 'br' || lpad(dense_rank() OVER (ORDER BY brand)::VARCHAR, 4, '0') || 'q' END AS brand,
        CASE WHEN category_code IS NOT NULL THEN 'cq' || lpad(dense_rank() OVER (ORDER BY split_part(category_code, '.', 1))::VARCHAR, 2, '0')
          || '.s' || lpad(dense_rank() OVER (ORDER BY category_code)::VARCHAR, 3, '0') || 'q' END AS category_code)
      FROM read_parquet([${october.files.map((f) => sqlString(f.path)).join(", ")}])
      WHERE event_time < TIMESTAMP '${PARTIAL_DAY_END}' AND (event_type <> 'cart' OR hash(user_session::VARCHAR, product_id) % 4 = 0)
      ORDER BY event_time
    ) TO ${sqlString(target)} (FORMAT parquet)`));
}

/**
 * The audience of the partial day's site: two of the most frequent brands within the second most
 * frequent top-level category (both filters; each filter alone is tested on snapshots, test/audiences.test.ts).
 * One audience: each adds a site build to the test run's start.
 */
export async function partialDayAudiences(root: string): Promise<Audience[]> {
  const [brands, categories] = await withDatabase(testSettings(tempDir()), async (db) => {
    const events = `read_parquet(${sqlString(path.join(root, "**", "*.parquet"))})`;
    return [
      (await db.rows<{ brand: string }>(`SELECT brand FROM ${events} WHERE brand IS NOT NULL GROUP BY brand ORDER BY count(*) DESC, brand LIMIT 4`)).map((r) => r.brand),
      (await db.rows<{ top: string }>(`SELECT split_part(category_code, '.', 1) AS top FROM ${events} WHERE category_code IS NOT NULL GROUP BY top ORDER BY count(*) DESC, top LIMIT 2`)).map((r) => r.top),
    ];
  });
  return [{ name: "brands-in-category", title: "Two brands in a category", brands: [brands[1]!, brands[3]!], categories: [categories[1]!] }];
}

/** The code blocks of a README section, in order. */
export function readmeCodeBlocks(heading: string): string[] {
  const readme = fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading)).split(/\n## /)[0]!;
  return [...section.matchAll(/^( *)(`{3,4})(\w+)\n([\s\S]*?)\n\1\2$/gm)].map((m) => m[4]!.replace(new RegExp(`^${m[1]}`, "gm"), ""));
}

/**
 * Does to `project` (a copy) what the README's "Adding a report" says: its SQL file into sql/, its page
 * into src/, the page into the list of pages. Checked in test/add-report.test.ts.
 */
export function addReadmeReport(project: string): void {
  const [sql, page] = readmeCodeBlocks("## Adding a report");
  if (!sql?.includes("category_revenue") || !page) throw new Error("the README's \"Adding a report\" has no category_revenue example");
  fs.writeFileSync(path.join(project, "sql", "category_revenue.sql"), `${sql}\n`);
  fs.writeFileSync(path.join(project, "src", "category-revenue.md"), `${page}\n`);
  const pages = path.join(project, "src", "pages.js");
  const listed = fs.readFileSync(pages, "utf8").replace(/\n\];/, ',\n  {name: "Revenue by category", path: "/category-revenue"}\n];');
  if (!listed.includes("Revenue by category")) throw new Error(`${pages}: the list of pages does not end as the README expects`);
  fs.writeFileSync(pages, listed);
}

/** The brand group and department of the fixture's site: names that are markup, to be shown as text. */
export const FIXTURE_GROUP = "<img src=y onerror=alert(2)> Group";
export const FIXTURE_DEPARTMENT = "Shoes & <b>bags</b>";

/**
 * Reference files for the fixture's site in `project` (a copy): two brands in a group, a category_code and a
 * category_id (events without a code) in a department; no display names, so every other name stays raw.
 */
export function addFixtureReference(project: string): void {
  fs.writeFileSync(path.join(project, "reference", "brands.csv"), `brand,group\n${HTML_BRAND},${FIXTURE_GROUP}\n${UMLAUT_BRAND},${FIXTURE_GROUP}\n`);
  fs.writeFileSync(path.join(project, "reference", "categories.csv"), `category,department\napparel.shoes,${FIXTURE_DEPARTMENT}\n40,${FIXTURE_DEPARTMENT}\n`);
}
