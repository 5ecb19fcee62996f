// The built sites in a real browser (Chromium through playwright-core): the hand-made fixture and a
// partial day, both built once for the whole run by test/global-setup.ts, as `npm run build` builds
// them, with networking disabled where the machine allows it. Every page loads without errors, warnings
// or outside requests, shows its charts and never shows null, undefined, NaN, Infinity or
// [object Object]; charts end at the data's last day and mark partial periods; inputs work; downloads
// match; brand names with HTML stay text.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import * as d3 from "d3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findChromium, launchChromium } from "../data-loaders/site/browser.ts";
import { externalReferences } from "../data-loaders/site/framework.ts";
import { markPreview } from "../data-loaders/site/preview.ts";
import { serveStatic, type StaticServer } from "../data-loaders/site/static-server.ts";
import { pageFile, PAGES } from "../src/pages.js";
import { HTML_BRAND, QUOTED_BRAND, UMLAUT_BRAND } from "./fixture.ts";
import { FIXTURE_DEPARTMENT, FIXTURE_GROUP } from "./scenarios.ts";

const SITES = { fixture: inject("fixtureSite"), partial: inject("partialSite") };
type Site = keyof typeof SITES;
/** Text that only a bug puts on a page: a missing value or an object printed as text. */
const NOT_TEXT = /\b(?:null|undefined|NaN|Infinity)\b|\[object Object\]/;

let browser: Browser;
let context: BrowserContext;
const servers = {} as Record<Site, StaticServer>;
const outside: string[] = [];

beforeAll(async () => {
  for (const site of Object.keys(SITES) as Site[]) servers[site] = await serveStatic(SITES[site]);
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (Object.values(servers).some((s) => url.startsWith(s.url)) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

interface Visit {
  page: Page;
  /** console errors and warnings (Plot warns on the console) and uncaught exceptions */
  problems: string[];
  dialogs: string[];
  dataBytes: number;
  /** compressed bytes of the drill-down files (explore/) the page fetched */
  exploreBytes: number;
}

/**
 * Opens a page and waits for its main part; with `idle`, also for the network to be quiet for half a
 * second (what a test that reads the page at once needs; one that polls for what it checks does not).
 */
async function visit(site: Site, address: string, { idle = true } = {}): Promise<Visit> {
  const page = await context.newPage();
  const visit: Visit = { page, problems: [], dialogs: [], dataBytes: 0, exploreBytes: 0 };
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && visit.problems.push(m.text()));
  page.on("pageerror", (e) => visit.problems.push(e.message));
  page.on("dialog", (d) => {
    visit.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("response", async (r) => {
    // a response still arriving when a test has seen what it checks and closed the page is not counted
    const size = async () => zlib.gzipSync(await r.body()).length;
    try {
      if (r.url().includes("/_file/data/")) visit.dataBytes += await size();
      if (r.url().includes("/explore/")) visit.exploreBytes += await size();
    } catch (error) {
      if (!page.isClosed()) throw error;
    }
  });
  await page.goto(`${servers[site].url}/${address}`, { waitUntil: idle ? "networkidle" : "load" });
  await page.locator("#observablehq-main").waitFor();
  return visit;
}

const main = (page: Page) => page.locator("#observablehq-main");
const charts = (page: Page) => page.locator("#observablehq-main svg[class^='plot']");
const leaderboard = (page: Page) => page.locator("#observablehq-main table").first();

describe.each(Object.keys(SITES) as Site[])("the %s site", (site) => {
  it("references no other host", () => {
    expect(externalReferences(SITES[site])).toEqual([]);
  });

  it("has the data API: a manifest of this build and one parsable document per product it counts", () => {
    const dir = `${SITES[site]}/api`;
    const manifest = JSON.parse(fs.readFileSync(`${dir}/manifest.json`, "utf8"));
    const buildFile = fs.readdirSync(`${SITES[site]}/_file/data`).find((f) => /^build\.[0-9a-f]+\.json$/.test(f))!;
    const build = JSON.parse(fs.readFileSync(`${SITES[site]}/_file/data/${buildFile}`, "utf8"));
    expect(manifest).toMatchObject({ api: 1, data_fingerprint: build.dataFingerprint, months: build.months });
    const files = fs.readdirSync(`${dir}/recommendations`);
    expect(files.length).toBe(manifest.resources.recommendations.products);
    for (const file of files) expect(JSON.parse(fs.readFileSync(`${dir}/recommendations/${file}`, "utf8")).product_id).toBe(Number(file.replace(".json", "")));
  });

  // the partial day's site is there for what time does to a page: its pages without dates (the search
  // page, the definitions) are the fixture's, and it has no October 2019
  const addresses = site === "fixture"
    ? [...PAGES.map((p) => `${pageFile(p)}.html`), "products.html?month=2019-10", "abandonment.html?month=2019-10"]
    : PAGES.map((p) => `${pageFile(p)}.html`).filter((a) => !/^(explore|definitions)\./.test(a));
  // side by side (each in its own browser page): most of a visit is waiting for the network to be idle
  it.concurrent.for(addresses)("%s loads without problems, with its charts and no missing values shown", async (address, { expect }) => {
    const { page, problems, dataBytes } = await visit(site, address, { idle: false });
    await expect.poll(() => main(page).innerText()).not.toMatch(/Loading|^\s*$/);
    if (!/^(definitions|explore)\b/.test(address)) await expect.poll(() => charts(page).count(), { message: "charts" }).toBeGreaterThan(0);
    // its text and charts are drawn from everything it fetched: any problem would have shown by now
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    expect((await main(page).innerText()).match(NOT_TEXT), "text that is a missing value").toBeNull();
    expect(dataBytes, "compressed data of the page").toBeLessThanOrEqual(300 * 1024);
    await page.close();
  });
});

describe("the fixture site", () => {
  it("its preview shows the banner on top of every page, in light and dark; the site itself has none", async () => {
    const preview = path.join(os.tmpdir(), `preview-${process.pid}`);
    markPreview(SITES.fixture, preview);
    const server = await serveStatic(preview);
    try {
      for (const colorScheme of ["light", "dark"] as const) {
        // a context of its own: the shared one lets only the two sites' servers through
        const own = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 900 } });
        const page = await own.newPage();
        await page.goto(`${server.url}/funnel.html`, { waitUntil: "load" });
        const banner = page.locator(".preview-banner");
        await expect.poll(() => banner.isVisible()).toBe(true);
        expect(await banner.innerText()).toMatch(/^Preview: this site is not published yet/);
        // on top of the page, above the sidebar and the title
        expect((await banner.boundingBox())!.y).toBe(0);
        await own.close();
      }
    } finally {
      await server.close();
    }
    const { page } = await visit("fixture", "funnel.html");
    expect(await page.locator(".preview-banner").count()).toBe(0);
    await page.close();
  });

  it("overview shows the fixture's figures", async () => {
    const { page } = await visit("fixture", "index.html");
    const cards = await page.locator(".card").allInnerTexts();
    const value = (label: string) => cards.find((c) => c.startsWith(label))?.split("\n")[1];
    expect(value("Events")).toBe("27");
    expect(value("Users")).toBe("8");
    expect(value("Sessions")).toBe("8");
    expect(value("Revenue")).toBe("$760");
    expect(value("Conversion")).toBe("50.0%");
    expect(await main(page).innerText()).toContain("3 months.");
    await page.close();
  });

  it("overview: a month against the month before, a day range with exact sums, the calendar's dates marked", async () => {
    const { page, problems } = await visit("fixture", "index.html?month=2019-11");
    const card = (label: string) => page.locator(".card", { hasText: label }).first().innerText();
    // October is covered from 23:58 of its last day only: November has no complete month before it
    expect(await card("Events")).toContain("no complete month before it to compare with");
    // 5 and 6 November: view, cart, removal; view, purchase at price 0
    await page.locator("input[type=date]").first().fill("2019-11-05");
    await page.locator("input[type=date]").nth(1).fill("2019-11-06");
    await expect.poll(() => card("Days selected")).toMatch(/^Days selected\n2\nNov 5, 2019 to Nov 6, 2019/);
    const selected = (await page.locator(".card").allInnerTexts()).slice(6);
    expect(selected.find((c) => c.startsWith("Events"))).toMatch(/^Events\n5\n2 views, 1 carts/);
    expect(selected.find((c) => c.startsWith("Purchases"))).toMatch(/^Purchases\n1\n/);
    expect(selected.find((c) => c.startsWith("Revenue"))).toMatch(/^Revenue\n\$0\n/);
    expect(await page.locator("h2", { hasText: "Events per day, Nov 5, 2019 to Nov 6, 2019" }).count()).toBe(1);
    // the largest of the two days is marked on the chart and named under it
    expect(await main(page).innerText()).toContain("The 2 largest days are marked by rank: #1 Nov 5, 2019 (3 events), #2 Nov 6, 2019 (2 events).");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the leaderboard's minimum-views input and month picker change the table", async () => {
    const { page } = await visit("fixture", "products.html");
    // the leaderboard is the page's first table (groups and departments are ranked below it)
    const ids = () => leaderboard(page).locator("tbody tr td:nth-child(3)").allInnerTexts();
    await expect.poll(ids).toEqual(["100", "500", "300", "200", "400", "600"]);
    await page.getByLabel("Minimum views").selectOption({ label: "2 or more" });
    await expect.poll(ids).toEqual(["500", "300", "200", "400"]);
    // October alone: product 100, viewed once; the address keeps the month
    await page.getByLabel("Month").selectOption({ label: "October 2019" });
    await expect.poll(ids).toEqual(["100"]);
    expect(new URL(page.url()).searchParams.get("month")).toBe("2019-10");
    await page.close();
  });

  it("a CSV download matches the table", async () => {
    const { page } = await visit("fixture", "products.html");
    await expect.poll(() => leaderboard(page).locator("tbody tr").count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download CSV/ }).click()]);
    const rows = d3.csvParse(fs.readFileSync((await download.path())!, "utf8"));
    const table = await leaderboard(page).locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
    const headers = await leaderboard(page).locator("thead th").allInnerTexts();
    const column = (header: string) => table.map((cells) => cells[headers.findIndex((h) => h.trim() === header)]);
    expect(rows.map((r) => r.product_id)).toEqual(column("Product"));
    expect(rows.map((r) => r.brand || "(no brand)")).toEqual(column("Brand"));
    expect(rows.find((r) => r.product_id === "300")?.brand).toBe(HTML_BRAND);
    // the group of reference/brands.csv beside the raw brand, in the table and the download
    expect(rows.find((r) => r.product_id === "300")?.brand_group).toBe(FIXTURE_GROUP);
    expect(column("Group")[rows.findIndex((r) => r.product_id === "300")]).toBe(FIXTURE_GROUP);
    await page.close();
  });

  it("brand names with HTML, quotes and commas show as text and run nothing", async () => {
    for (const address of ["products.html", "abandonment.html", "brands.html"]) {
      const { page, dialogs } = await visit("fixture", address);
      await expect.poll(() => main(page).innerText()).toContain(HTML_BRAND);
      expect(await page.locator("#observablehq-main img").count()).toBe(0);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  const views = [
    ["product.html?id=300", `Product 300: ${HTML_BRAND} · apparel.shoes`],
    [`brand.html?${new URLSearchParams({ name: HTML_BRAND })}`, `Brand: ${HTML_BRAND}`],
    [`brand.html?${new URLSearchParams({ name: UMLAUT_BRAND })}`, `Brand: ${UMLAUT_BRAND}`],
    ["category.html?code=apparel", "Category: apparel"],
    ["category.html?id=40", "Category: category 40 (no category_code)"],
    [`brand-group.html?${new URLSearchParams({ name: FIXTURE_GROUP })}`, `Brand group: ${FIXTURE_GROUP}`],
    [`department.html?${new URLSearchParams({ name: FIXTURE_DEPARTMENT })}`, `Department: ${FIXTURE_DEPARTMENT}`],
  ];
  it.each(views)("the drill-down view %s opens by its link, names are text, one small file of data", async (address, heading) => {
    const { page, problems, dialogs, exploreBytes } = await visit("fixture", address);
    await expect.poll(() => page.locator("#observablehq-main h1").innerText()).toBe(heading);
    await expect.poll(() => charts(page).count(), { message: "charts" }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator("#observablehq-main img").count()).toBe(0);
    expect((await main(page).innerText()).match(NOT_TEXT), "text that is a missing value").toBeNull();
    expect(exploreBytes).toBeGreaterThan(0);
    expect(exploreBytes, "compressed drill-down data").toBeLessThanOrEqual(100 * 1024);
    await page.close();
  });

  it("the search box finds a product by id, a brand and a category by part of the name, and opens their views", async () => {
    const { page, dialogs } = await visit("fixture", "index.html");
    const search = page.getByLabel("Find a product, brand or category");
    for (const [typed, link, heading] of [
      ["30", "(300)", `Product 300: ${HTML_BRAND} · apparel.shoes`],
      ["söh", UMLAUT_BRAND, `Brand: ${UMLAUT_BRAND}`],
      ["shoe", "apparel.shoes", "Category: apparel.shoes"],
    ]) {
      await search.fill(typed!);
      await page.locator(".explore-results a", { hasText: link }).first().click();
      await expect.poll(() => page.locator("#observablehq-main h1").innerText()).toBe(heading);
      await page.goBack();
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("the brand picker adds a line for a brand found by typing", async () => {
    const { page } = await visit("fixture", "brands.html");
    const lines = () => page.locator("#observablehq-main [aria-label='line'] path").count();
    await expect.poll(lines).toBe(2);
    await page.getByRole("button", { name: `Remove ${QUOTED_BRAND}` }).click();
    await expect.poll(lines).toBe(1);
    await page.getByLabel("Add a brand").fill(QUOTED_BRAND);
    await page.getByLabel("Add a brand").press("Enter");
    await expect.poll(lines).toBe(2);
    expect(await page.locator(".chip").allInnerTexts()).toEqual([expect.stringContaining(HTML_BRAND), expect.stringContaining(QUOTED_BRAND)]);
    await page.close();
  });

  it("a month without purchases shows an empty state, not a broken chart", async () => {
    const { page, problems } = await visit("fixture", "brands.html");
    await page.getByLabel("Month").selectOption({ label: "October 2019" });
    await expect.poll(() => page.locator(".empty-state").allInnerTexts()).toEqual([expect.stringContaining("No purchases")]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the partial-day site", () => {
  it("brand trends per day end at the data's last day and mark it partial", async () => {
    const { page } = await visit("partial", "brands.html");
    await page.getByLabel("Day").check();
    await expect.poll(() => page.locator("#observablehq-main figure h2").allInnerTexts()).toContainEqual(expect.stringContaining("per day"));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download CSV/ }).click()]);
    const rows = d3.csvParse(fs.readFileSync((await download.path())!, "utf8"));
    // the data runs from Oct 1 00:00 to Oct 3 02:50: three days, the last one partial
    expect([...new Set(rows.map((r) => r.day))]).toEqual(["2019-10-01", "2019-10-02", "2019-10-03"]);
    expect([...new Set(rows.map((r) => `${r.day} ${r.partial}`))]).toEqual(["2019-10-01 false", "2019-10-02 false", "2019-10-03 true"]);
    // a hollow point per brand on the partial day, and a sentence saying what it means
    expect(await page.locator("#observablehq-main [aria-label='dot'][fill='var(--theme-background)'] circle").count()).toBe(5);
    expect(await main(page).innerText()).toContain("Hollow points are days the data covers only in part");
    await page.close();
  });

  it("the funnel per month shows cart to purchase above 100% on the chart, not clipped", async () => {
    const { page } = await visit("partial", "funnel.html");
    const card = await page.locator(".card").filter({ hasText: "Cart → purchase" }).first().innerText();
    const rate = Number(/([\d.]+)%/.exec(card)![1]) / 100;
    expect(rate).toBeGreaterThan(1);
    const chart = page.locator("figure").filter({ hasText: "Session conversion per month" });
    // SVG text has no innerText: read textContent
    const labels = await chart.locator("[aria-label='y-axis tick label'] text").evaluateAll((texts) => texts.map((t) => t.textContent ?? ""));
    const ticks = labels.map((t) => Number(t.replace("%", "")) / 100);
    expect(ticks.length).toBeGreaterThan(2);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(rate - 0.1);
    expect(await main(page).innerText()).toContain("October 2019 (partial)");
    await page.close();
  });

  it("loads the series of a brand outside the top ones from its shard when it is picked", async () => {
    const { page } = await visit("partial", "brands.html");
    const loaded: string[] = [];
    page.on("response", (r) => loaded.push(new URL(r.url()).pathname));
    const listFile = fs.readdirSync(`${SITES.partial}/_file/data`).find((f) => f.startsWith("brand-list."))!;
    const brandList = JSON.parse(fs.readFileSync(`${SITES.partial}/_file/data/${listFile}`, "utf8")) as [string, number][];
    expect(brandList.length).toBeGreaterThan(10);
    expect(loaded.some((p) => p.includes("/brand-shards/"))).toBe(false);
    const [brand, shard] = brandList.at(-1)!;
    await page.getByLabel("Add a brand").fill(brand);
    await page.getByLabel("Add a brand").press("Enter");
    await expect.poll(() => page.locator(".chip").count()).toBe(6);
    await expect.poll(() => loaded.some((p) => p.includes(`/brand-shards/${shard}.`))).toBe(true);
    await page.close();
  });
});

describe("the Chromium the tests use", () => {
  it("is CHROMIUM_PATH when set, else a system Chromium, else the one the npm package ships", async () => {
    const system = process.execPath; // any file that exists stands for an installed browser here
    expect(await findChromium({ CHROMIUM_PATH: system }, [])).toEqual({ path: system, source: "CHROMIUM_PATH" });
    expect(await findChromium({}, ["/nowhere/chromium", system])).toEqual({ path: system, source: "system" });
    expect((await findChromium({}, ["/nowhere/chromium"])).source).toBe("npm");
    await expect(findChromium({ CHROMIUM_PATH: "/nowhere/chromium" })).rejects.toThrow(/CHROMIUM_PATH is \/nowhere\/chromium, which does not exist/);
  });

  it("with the system Chromium hidden, the npm one renders the site", async () => {
    const choice = await findChromium({ CLICKSTREAM_NO_SYSTEM_CHROMIUM: "1" });
    expect(choice.source).toBe("npm");
    const npmBrowser = await launchChromium(choice);
    try {
      const page = await npmBrowser.newPage();
      await page.goto(`${servers.fixture.url}/index.html`, { waitUntil: "networkidle" });
      await expect.poll(() => charts(page).count()).toBeGreaterThan(0);
    } finally {
      await npmBrowser.close();
    }
  });
});
