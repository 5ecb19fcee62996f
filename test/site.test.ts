// The built site in a real browser (Debian's Chromium through playwright-core), on the hand-made
// fixture: every page loads without errors or outside requests, charts render, inputs work, downloads
// match, and brand names with HTML stay text. The site is built with networking disabled when the
// machine allows it (unshare -n, as root).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import * as d3 from "d3";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalReferences } from "../data-loaders/site.ts";
import { FIXTURE_ROWS, HTML_BRAND, QUOTED_BRAND } from "./fixture.ts";
import { generateDemo } from "../data-loaders/generate.ts";
import { buildSite, tempDir, testSettings, writePartitions } from "./helpers.ts";
import { serveStatic, type StaticServer } from "../data-loaders/static-server.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PAGES = ["index", "funnel", "products/all", "products/2019-10", "abandonment/all", "abandonment/2019-11", "sessions", "brands", "quality", "definitions"];

let dist: string;
let builtOffline = false;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
const outside: string[] = [];

beforeAll(async () => {
  expect(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`).toBe(true);
  const root = tempDir();
  await writePartitions(root, FIXTURE_ROWS);
  dist = path.join(tempDir(), "dist");
  const build = buildSite({ CLICKSTREAM_DATA: root, CLICKSTREAM_CACHE: tempDir(), CLICKSTREAM_DIST: dist });
  expect(build.status, build.output).toBe(0);
  builtOffline = build.offline;
  server = await serveStatic(dist);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Visit {
  page: Page;
  errors: string[];
  dialogs: string[];
  dataBytes: number;
}

async function visit(pathname: string): Promise<Visit> {
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  let dataBytes = 0;
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("response", async (r) => {
    if (r.url().includes("/_file/data/")) dataBytes += zlib.gzipSync(await r.body()).length;
  });
  await page.goto(`${server.url}/${pathname}.html`, { waitUntil: "networkidle" });
  await page.locator("#observablehq-main").waitFor();
  return { page, errors, dialogs, dataBytes };
}

describe("the built site", () => {
  it("was built with networking disabled where the machine allows it, and references no other host", () => {
    if (!builtOffline) console.warn("unshare -n is not available here: the build ran with the network; only dist/ was checked");
    expect(builtOffline || spawnSync("unshare", ["-n", "true"]).status !== 0).toBe(true);
    expect(externalReferences(dist)).toEqual([]);
  });

  it.each(PAGES)("%s loads without errors or outside requests, with its charts", async (pathname) => {
    const { page, errors, dataBytes } = await visit(pathname);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    if (pathname !== "definitions") expect(await page.locator("#observablehq-main svg[class^='plot']").count(), "charts").toBeGreaterThan(0);
    expect(dataBytes, "compressed data of the page").toBeLessThanOrEqual(300 * 1024);
    await page.close();
  });

  it("overview shows the fixture's figures", async () => {
    const { page } = await visit("index");
    const cards = await page.locator(".card").allInnerTexts();
    const value = (label: string) => cards.find((c) => c.startsWith(label))?.split("\n")[1];
    expect(value("Events")).toBe("27");
    expect(value("Users")).toBe("8");
    expect(value("Sessions")).toBe("8");
    expect(value("Revenue")).toBe("$760");
    expect(value("Conversion")).toBe("50.0%");
    await page.close();
  });

  it("the leaderboard's minimum-views input changes the table", async () => {
    const { page } = await visit("products/all");
    const ids = () => page.locator("#observablehq-main table tbody tr td:nth-child(3)").allInnerTexts();
    expect(await ids()).toEqual(["100", "500", "300", "200", "400", "600"]);
    await page.getByLabel("Minimum views").selectOption({ label: "2 or more" });
    await expect.poll(ids).toEqual(["500", "300", "200", "400"]);
    await page.close();
  });

  it("a CSV download matches the table", async () => {
    const { page } = await visit("products/all");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /Download CSV/ }).click()]);
    const rows = d3.csvParse(fs.readFileSync((await download.path())!, "utf8"));
    const table = await page.locator("#observablehq-main table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    );
    expect(rows.map((r) => r.product_id)).toEqual(table.map((cells) => cells[2]));
    expect(rows.map((r) => r.brand || "(no brand)")).toEqual(table.map((cells) => cells[3]));
    expect(rows.find((r) => r.product_id === "300")?.brand).toBe(HTML_BRAND);
    await page.close();
  });

  it("brand names with HTML, quotes and commas show as text and run nothing", async () => {
    for (const pathname of ["products/all", "abandonment/all", "brands"]) {
      const { page, dialogs } = await visit(pathname);
      expect(await page.locator("#observablehq-main").innerText()).toContain(HTML_BRAND);
      expect(await page.locator("#observablehq-main img").count()).toBe(0);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  it("the brand picker adds a line for a brand found by typing", async () => {
    const { page } = await visit("brands");
    const lines = () => page.locator("#observablehq-main [aria-label='line'] path").count();
    expect(await lines()).toBe(2);
    await page.getByRole("button", { name: `Remove ${QUOTED_BRAND}` }).click();
    await expect.poll(lines).toBe(1);
    await page.getByLabel("Add a brand").fill(QUOTED_BRAND);
    await page.getByLabel("Add a brand").press("Enter");
    await expect.poll(lines).toBe(2);
    expect(await page.locator(".chip").allInnerTexts()).toEqual([expect.stringContaining(HTML_BRAND), expect.stringContaining(QUOTED_BRAND)]);
    await page.close();
  });

  it("a month without purchases shows an empty state, not a broken chart", async () => {
    const { page, errors } = await visit("brands");
    await page.getByLabel("Month").selectOption({ label: "October 2019" });
    await expect.poll(() => page.locator(".empty-state").allInnerTexts()).toEqual([expect.stringContaining("No purchases")]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a site with many brands", () => {
  it("loads the series of a brand outside the top ones from its shard when it is picked", async () => {
    const root = tempDir();
    await generateDemo({ events: 150_000, seed: 5, out: root, settings: testSettings(tempDir()) });
    const manyBrands = path.join(tempDir(), "dist");
    const build = buildSite({ CLICKSTREAM_DATA: root, CLICKSTREAM_CACHE: tempDir(), CLICKSTREAM_DIST: manyBrands });
    expect(build.status, build.output).toBe(0);
    const local = await serveStatic(manyBrands);
    const page = await browser.newPage();
    const loaded: string[] = [];
    page.on("response", (r) => loaded.push(new URL(r.url()).pathname));
    try {
      await page.goto(`${local.url}/brands.html`, { waitUntil: "networkidle" });
      const brandList = JSON.parse(fs.readFileSync(path.join(manyBrands, loaded.find((p) => p.includes("/brand-list."))!), "utf8")) as [string, number][];
      expect(brandList.length).toBeGreaterThan(10);
      expect(loaded.some((p) => p.includes("/brand-shards/"))).toBe(false);
      const [brand, shard] = brandList.at(-1)!;
      await page.getByLabel("Add a brand").fill(brand);
      await page.getByLabel("Add a brand").press("Enter");
      await expect.poll(() => page.locator("#observablehq-main [aria-label='line'] path").count()).toBe(6);
      expect(loaded.some((p) => p.includes(`/brand-shards/${shard}.`))).toBe(true);
    } finally {
      await page.close();
      await local.close();
    }
  });
});
