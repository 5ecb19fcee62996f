// The report site (Observable Framework). Pages are the Markdown files in src/; the list below is the
// sidebar. Everything is bundled from node_modules: the build needs no network.
import { loadConfig } from "./data-loaders/config.ts";
import { periods } from "./data-loaders/site-data.ts";

/** Pages built once per period ('all' and each month), reached as /<page>/<period>. */
export const MONTHLY_PAGES = ["products", "abandonment"];

export default {
  root: "src",
  // the build script writes to a staging folder and swaps it in only when every check passed
  output: process.env.CLICKSTREAM_SITE_OUTPUT ?? "dist",
  title: loadConfig().title,
  pages: [
    { name: "Overview", path: "/" },
    { name: "Sales funnel", path: "/funnel" },
    { name: "Product leaderboard", path: "/products/all" },
    { name: "Abandoned carts", path: "/abandonment/all" },
    { name: "Session analytics", path: "/sessions" },
    { name: "Brand trends", path: "/brands" },
    { name: "Data quality", path: "/quality" },
    { name: "Definitions", path: "/definitions" },
  ],
  // light and dark, following the reader's system setting; no web fonts
  style: "style.css",
  globalStylesheets: [],
  head: '<link rel="icon" href="data:,">',
  footer: "Clickstream report: built from the event data with DuckDB; see Definitions for every metric.",
  // links end in .html, so any static host serves them
  preserveExtension: true,
  search: false,
  interpreters: { ".ts": ["node", "--import", "tsx"] },
  duckdb: { extensions: { json: null, parquet: null } },
  async *dynamicPaths() {
    for (const period of await periods()) for (const page of MONTHLY_PAGES) yield `/${page}/${period}`;
  },
};
