// The README's "Adding a report" walkthrough, done for real: its SQL file and Markdown page are copied
// into a copy of the project, the site is built on the fixture, and the report's numbers are found in
// the built site. Keeps the README true.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../data-loaders/shared/sql-files.ts";
import { FIXTURE_ROWS } from "./fixture.ts";
import { buildSite, copyProject, tempDir, writePartitions } from "./helpers.ts";

/** The code blocks of a README section, in order. */
function codeBlocks(readme: string, heading: string): string[] {
  const section = readme.slice(readme.indexOf(heading)).split(/\n## /)[0]!;
  return [...section.matchAll(/^( *)(`{3,4})(\w+)\n([\s\S]*?)\n\1\2$/gm)].map((m) => m[4]!.replace(new RegExp(`^${m[1]}`, "gm"), ""));
}

describe("adding a report as the README says", () => {
  it("a new SQL file and page appear in the built site with the right numbers", async () => {
    const project = copyProject();
    const [sql, page] = codeBlocks(fs.readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8"), "## Adding a report");
    expect(sql).toContain("category_revenue");
    fs.writeFileSync(path.join(project, "sql", "category_revenue.sql"), `${sql}\n`);
    fs.writeFileSync(path.join(project, "src", "category-revenue.md"), `${page}\n`);
    const pages = path.join(project, "src", "pages.js");
    const listed = fs.readFileSync(pages, "utf8").replace(/\n\];/, ',\n  {name: "Revenue by category", path: "/category-revenue"}\n];');
    expect(listed).toContain("Revenue by category");
    fs.writeFileSync(pages, listed);

    const root = tempDir();
    await writePartitions(root, FIXTURE_ROWS);
    const dist = path.join(tempDir(), "dist");
    const build = await buildSite({ CLICKSTREAM_DATA: root, CLICKSTREAM_CACHE: tempDir(), CLICKSTREAM_DIST: dist }, { project });
    expect(build.status, build.output).toBe(0);

    expect(fs.existsSync(path.join(dist, "category-revenue.html"))).toBe(true);
    const dataDir = path.join(dist, "_file", "data");
    const file = fs.readdirSync(dataDir).find((f) => /^category_revenue\.\w+\.json$/.test(f));
    expect(file, "the page's data file").toBeDefined();
    const rows = JSON.parse(fs.readFileSync(path.join(dataDir, file!), "utf8")) as { category_code: string | null; purchases: number; revenue: number }[];
    // the fixture's purchases: 500 twice at 310 (sport.bicycle), 200 at 50 (kids.toys), 300 at 0
    // (apparel.shoes), and 100 at 90 on an event without a category_code
    expect(rows.slice(0, 3)).toEqual([
      { category_code: "sport.bicycle", purchases: 2, revenue: 620 },
      { category_code: null, purchases: 1, revenue: 90 },
      { category_code: "kids.toys", purchases: 1, revenue: 50 },
    ]);
    expect(fs.readFileSync(path.join(dist, "index.html"), "utf8")).toContain("Revenue by category");
  });
});
