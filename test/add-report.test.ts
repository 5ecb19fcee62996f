// The README's "Adding a report" walkthrough, done for real: the run's fixture site is built in a copy of
// the project to which test/global-setup.ts added the README's SQL file and Markdown page
// (addReadmeReport); the report's numbers are found in that built site. Keeps the README true.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { readmeCodeBlocks } from "./scenarios.ts";

describe("adding a report as the README says", () => {
  it("a new SQL file and page appear in the built site with the right numbers", () => {
    const [sql, page] = readmeCodeBlocks("## Adding a report");
    expect(sql).toContain("category_revenue");
    expect(page).toContain("category_revenue");
    const dist = inject("fixtureSite");
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
    // in the sidebar of every page
    expect(fs.readFileSync(path.join(dist, "index.html"), "utf8")).toContain("Revenue by category");
  });
});
