// The sites of the audiences (built once by test/global-setup.ts with the partial day's site, whose
// brands and category codes are words found nowhere else): no file of an audience's site, whatever its
// kind (HTML, JSON, Parquet, CSV, JS, the data API, the digest, the feed), holds a brand, product,
// category code or category id that is not among its events, nor the whole shop's totals.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { audienceFilterSql } from "../data-loaders/audiences/audience.ts";
import { withDatabase } from "../data-loaders/shared/duckdb.ts";
import { sqlString } from "../data-loaders/shared/sql-files.ts";
import { tempDir, testSettings } from "./helpers.ts";

const site = inject("partialSite");
const audiences = inject("partialAudiences");
const events = `read_parquet(${sqlString(path.join(inject("partialData"), "**", "*.parquet"))})`;

interface Names {
  brands: string[];
  products: string[];
  categories: string[];
  categoryIds: string[];
}

/** The brands, products, category codes with every prefix, and category ids of the events that pass `filter`. */
const NAMES_SQL = (filter: string) => `SELECT
  list(DISTINCT brand) FILTER (brand IS NOT NULL) AS brands,
  list(DISTINCT product_id::VARCHAR) AS products,
  flatten(list(DISTINCT [array_to_string(split(category_code, '.')[1:i], '.') FOR i IN range(1, len(split(category_code, '.')) + 1)]) FILTER (category_code IS NOT NULL)) AS categories,
  list(DISTINCT category_id::VARCHAR) AS categoryIds
FROM ${events} WHERE ${filter}`;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every file of a site as text; a Parquet file as the JSON of its rows (its bytes are compressed). */
async function siteTexts(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  await withDatabase(testSettings(tempDir()), async (db) => {
    for (const file of filesUnder(dir)) {
      texts.set(path.relative(dir, file), file.endsWith(".parquet")
        ? JSON.stringify(await db.rows(`SELECT * FROM read_parquet(${sqlString(file)})`), (_, v) => (typeof v === "bigint" ? v.toString() : v))
        : fs.readFileSync(file, "utf8"));
    }
  });
  return texts;
}

/**
 * What a text holds of the kinds the leak check looks for: the partial day's brands (br0001q) and
 * category codes with their prefixes (cq01, cq01.s001q), and every whole number standing alone (ids,
 * totals; not the digits of 577.98).
 */
function tokens(text: string): Set<string> {
  return new Set([...text.matchAll(/br\d{4}q|cq\d{2}(?:\.s\d{3}q)?|(?<![\w.])\d+(?!\w|\.\d)/g)].map((m) => m[0]));
}

describe("the audiences' sites", () => {
  let shop: Names & { events: number; users: number; sessions: number; revenue: string };
  const own = new Map<string, Names>();
  beforeAll(async () => {
    await withDatabase(testSettings(tempDir()), async (db) => {
      shop = (await db.rows<typeof shop>(`SELECT * FROM (${NAMES_SQL("true")}), (SELECT count(*)::INTEGER AS events, count(DISTINCT user_id)::INTEGER AS users, count(DISTINCT user_session)::INTEGER AS sessions,
        sum(price) FILTER (event_type = 'purchase')::VARCHAR AS revenue FROM ${events})`))[0]!;
      for (const a of audiences) own.set(a.name, (await db.rows<Names>(NAMES_SQL(audienceFilterSql(a))))[0]!);
    });
  });

  it("are built, one per audience, each with its own title, data API, digest and feed", () => {
    expect(fs.readdirSync(path.join(site, "audiences")).sort()).toEqual(audiences.map((a) => a.name).sort());
    for (const a of audiences) {
      const dir = path.join(site, "audiences", a.name);
      expect(JSON.parse(fs.readFileSync(path.join(dir, "api", "manifest.json"), "utf8")).audience).toBe(a.name);
      const title = a.title ?? `Clickstream report: ${a.name}`;
      expect(JSON.parse(fs.readFileSync(path.join(dir, "digest.json"), "utf8")).title).toBe(title);
      expect(fs.readFileSync(path.join(dir, "feed.xml"), "utf8")).toContain(`<title>${title}: digests</title>`);
      expect(fs.readFileSync(path.join(dir, "index.html"), "utf8")).toContain(title);
    }
  });

  it.for(audiences.map((a) => a.name))("%s: no file holds a name, id or total from outside its events", async (name) => {
    const names = own.get(name)!;
    const foreign = (key: keyof Names) => shop[key].filter((value) => !names[key].includes(value));
    const texts = await siteTexts(path.join(site, "audiences", name));
    expect(texts.size).toBeGreaterThan(100);
    const all = [...texts.values()].join("\n");
    // the search can find what is there: the audience's own brands and categories are in its files
    for (const brand of names.brands.slice(0, 3)) expect(all).toContain(brand);
    expect(names.categories.some((c) => all.includes(c))).toBe(true);
    const forbidden = [
      ...foreign("brands"), ...foreign("categories"), ...foreign("products"), ...foreign("categoryIds"),
      ...[shop.events, shop.users, shop.sessions].map(String),
    ];
    expect(foreign("products").length).toBeGreaterThan(100);
    for (const [file, text] of texts) {
      const found = tokens(text);
      expect(forbidden.filter((t) => found.has(t)), file).toEqual([]);
      expect(text.includes(shop.revenue), `${file} holds the whole shop's revenue ${shop.revenue}`).toBe(false);
    }
  });

  it("the whole shop's site has the names and totals the audiences' must not (the check above can find them)", () => {
    const data = path.join(site, "_file", "data");
    const overview = tokens(fs.readFileSync(path.join(data, fs.readdirSync(data).find((f) => /^overview\.[0-9a-f]+\.json$/.test(f))!), "utf8"));
    for (const total of [shop.events, shop.users, shop.sessions]) expect(overview.has(String(total)), String(total)).toBe(true);
    expect(fs.readFileSync(path.join(data, fs.readdirSync(data).find((f) => /^overview\.[0-9a-f]+\.json$/.test(f))!), "utf8")).toContain(shop.revenue);
    const brands = tokens(fs.readFileSync(path.join(data, fs.readdirSync(data).find((f) => /^brand-list\.[0-9a-f]+\.json$/.test(f))!), "utf8"));
    expect(shop.brands.filter((b) => brands.has(b)).length).toBeGreaterThan(10);
  });
});
