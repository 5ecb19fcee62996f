// How heavy each page is for a reader: the data files it loads (raw and gzip-compressed, as a static
// host sends them) and how long until its charts show, measured in Chromium against the built site.
import zlib from "node:zlib";
import { launchChromium } from "./browser.ts";
import { serveStatic } from "./static-server.ts";

export interface PageWeight {
  page: string;
  dataFiles: number;
  dataBytes: number;
  dataBytesGzip: number;
  /** milliseconds from navigation until the page's charts (or empty states) are drawn */
  chartsMs: number;
}

/** Each page of `pages` (addresses such as "index.html", "products.html?month=2019-11") in turn. */
export async function measurePages(dist: string, pages: string[]): Promise<PageWeight[]> {
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const weights: PageWeight[] = [];
    for (const pathname of pages) {
      const page = await browser.newPage();
      const sizes: Promise<[number, number]>[] = [];
      page.on("response", (response) => {
        if (response.url().includes("/_file/data/")) sizes.push(response.body().then((body) => [body.length, zlib.gzipSync(body).length]));
      });
      const started = performance.now();
      await page.goto(`${server.url}/${pathname}`);
      await page.locator("#observablehq-main svg[class^='plot'], #observablehq-main .empty-state, #observablehq-main table").first().waitFor({ timeout: 30_000 });
      const chartsMs = performance.now() - started;
      await page.waitForLoadState("networkidle");
      const loaded = await Promise.all(sizes);
      weights.push({
        page: pathname,
        dataFiles: loaded.length,
        dataBytes: loaded.reduce((sum, [raw]) => sum + raw, 0),
        dataBytesGzip: loaded.reduce((sum, [, gz]) => sum + gz, 0),
        chartsMs: Math.round(chartsMs),
      });
      await page.close();
    }
    return weights;
  } finally {
    await browser.close();
    await server.close();
  }
}
