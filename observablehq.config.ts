// The report site (Observable Framework). Pages are the Markdown files in src/, listed in src/pages.js;
// their data is in src/data/, written by `npm run build` before Framework runs. Everything is bundled from
// node_modules: the build needs no network.
import { loadConfig } from "./data-loaders/shared/config.ts";
import { PAGES } from "./src/pages.js";

export default {
  // an audience's site is built from a copy of src/ with its own page data (npm run build sets it)
  root: process.env.CLICKSTREAM_SITE_ROOT ?? "src",
  // the build script writes to a staging folder and swaps it in only when every check passed
  output: process.env.CLICKSTREAM_SITE_OUTPUT ?? "dist",
  // an audience's site has its own title (npm run build sets it)
  title: process.env.CLICKSTREAM_SITE_TITLE ?? loadConfig().title,
  pages: PAGES.map(({ name, path }) => ({ name, path })),
  // light and dark, following the reader's system setting; no web fonts
  style: "style.css",
  globalStylesheets: [],
  head: '<link rel="icon" href="data:,">',
  footer: "Clickstream report: built from the event data with DuckDB; see Definitions for every metric.",
  // links end in .html, so any static host serves them
  preserveExtension: true,
  // Framework's page search (an index of the pages' text, built with the site)
  search: true,
  duckdb: { extensions: { json: null, parquet: null } },
};
