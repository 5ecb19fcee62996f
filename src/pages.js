// The site's pages, in sidebar order: the one list the sidebar (observablehq.config.ts), the overview's
// report cards, the browser tests and the benchmark all read. `summary` puts a page on the overview.
export const PAGES = [
  {name: "Overview", path: "/"},
  {name: "Sales funnel", path: "/funnel", summary: "Views → carts → purchases, by events, users and sessions, and per month."},
  {name: "Product leaderboard", path: "/products", summary: "The products with the best conversion, above a minimum number of views."},
  {name: "Abandoned carts", path: "/abandonment", summary: "The products most often put in a cart and not bought in the same session."},
  {name: "Session analytics", path: "/sessions", summary: "How long purchaser and other sessions last and how many events they hold."},
  {name: "Explore", path: "/explore", summary: "Any product, brand or category on a page of its own, by link or by search."},
  {name: "Brand trends", path: "/brands", summary: "Purchases and revenue of any brand, per day or week."},
  {name: "Customers", path: "/customers", summary: "New and returning users and buyers per day, week or month, and where each month's users come from."},
  {name: "Retention", path: "/retention", summary: "Of the users (or buyers) first seen in a month or week, how many come back after."},
  {name: "Segments", path: "/segments", summary: "Buyers by how recently, how often and how much they bought (RFM), with each segment's customers."},
  {name: "Personas", path: "/personas", summary: "Groups of users who behave alike, and what sets each apart."},
  {name: "Win back", path: "/winback", summary: "The valuable customers who stopped buying, each with a product to offer."},
  {name: "Alerts", path: "/alerts", summary: "Alert rules on every build: which fire now, how often each would have fired, and drift in the source files."},
  {name: "Data quality", path: "/quality", summary: "Rows, empty fields, duplicates and warnings month by month, and where the data came from."},
  {name: "Definitions", path: "/definitions", summary: "Every metric in words, and the SQL file that computes it."}
];

/** A page's file in the built site, relative to its root: "index", "funnel", ... (add ".html" for a link). */
export function pageFile(page) {
  return page.path === "/" ? "index" : page.path.slice(1);
}
