// The drill-down views (product.md, brand.md, category.md, brand-group.md, department.md) and the search
// box on every page. Their data is not in src/data: the build writes it to explore/ beside the pages
// (data-loaders/site/explore.ts), a file of a few dozen entities per shard, so a view fetches one small file.
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import {html} from "htl";
import {dailyActivity, funnelChart, periodAxisLabel, periodName, trendChart} from "./charts.js";
import {EVENT_COLORS} from "./colors.js";
import {count, day, exact, money, percent, price} from "./format.js";
import {entityComparisons, entityMonths, entitySeries, seriesInterval, shardOf, totals, weeklyPrices} from "./entity-data.js";
import {partialNote} from "./periods.js";
import {card} from "./ui.js";

export const KIND_NAMES = {product: "Product", brand: "Brand", category: "Category", category_id: "Category", brand_group: "Brand group", department: "Department"};
/** Each kind's page and the parameter of its address that names the entity. */
const VIEW_PAGES = {product: ["product", "id"], brand: ["brand", "name"], category: ["category", "code"], category_id: ["category", "id"], brand_group: ["brand-group", "name"], department: ["department", "name"]};
/** Brand groups and departments (reference/*.csv): sums of their brands' or categories' events, without users or sessions. */
const isDimension = (kind) => kind === "brand_group" || kind === "department";

/** The address of an entity's view. Names are data: URLSearchParams encodes any of them (a&b=c/../x). */
export function exploreUrl(kind, key) {
  const [page, param] = VIEW_PAGES[kind];
  return `./${page}.html?${new URLSearchParams({[param]: key})}`;
}

/** A link to an entity's view, its text the label (shown as text, never markup). */
export function exploreLink(kind, key, label = key) {
  return html`<a href=${exploreUrl(kind, key)}>${label}</a>`;
}

const loaded = new Map();
/** A JSON file of explore/ (the build writes them: data-loaders/site/explore.ts), fetched once. */
function loadExploreFile(name) {
  if (!loaded.has(name)) loaded.set(name, fetch(`./explore/${name}`).then((r) => {
    if (!r.ok) throw new Error(`explore/${name}: ${r.status} (built by npm run build)`);
    return r.json();
  }));
  return loaded.get(name);
}

/** The index the search box and the Explore page use: {entities: [[kind, key, label or null, revenue], ...]}. */
export const loadSearchIndex = () => loadExploreFile("search.json");

/** The document of one entity, or null when there is none. */
export async function loadEntity(kind, key) {
  if (key == null || key === "") return null;
  if (kind === "product" && !/^-?\d+$/.test(key)) return null;
  const shard = shardOf(await loadExploreFile("shards.json"), kind, key);
  if (shard == null) return null;
  const response = await fetch(`./explore/${kind}/${shard}.json`);
  if (!response.ok) return null;
  for (const line of (await response.text()).split("\n")) {
    if (!line) continue;
    const row = JSON.parse(line);
    if (row.key === key) return row.document;
  }
  return null;
}

/** Events per period, a small chart per event type (as on the overview); removals only when there are some. */
export function activityChart(series, {width, title, interval}) {
  const column = {view: "views", cart: "carts", purchase: "purchases", remove_from_cart: "removes"};
  const types = Object.keys(column).filter((t) => t !== "remove_from_cart" || series.some((d) => d.removes > 0));
  return dailyActivity(series.flatMap((d) => types.map((event_type) => ({date: d.date, partial: d.partial, event_type, events: d[column[event_type]]}))), types, {width, title, interval});
}

/** Revenue per period, as an area in the purchase colour. */
export function revenueChart(series, {width, title, interval}) {
  return trendChart(series, {
    width, height: 220, title, interval, area: true, color: EVENT_COLORS.purchase,
    x: {label: periodAxisLabel(interval)},
    y: {value: "revenue", label: `Revenue per ${interval === d3.utcMonday ? "week" : "day"}`, tickFormat: money},
    tip: (d) => `${periodName(interval, d.date)}${d.partial ? " (partial)" : ""}\nRevenue ${price(d.revenue)}\n${exact(d.purchases)} purchases`
  });
}

export function priceChart(weeks, {width, title}) {
  // one week alone gets a few days either side, so that it is not drawn at the edge
  const domain = weeks.length === 1 ? [d3.utcDay.offset(weeks[0].week, -4), d3.utcDay.offset(weeks[0].week, 4)] : undefined;
  return Plot.plot({
    title, width, height: 220, marginLeft: 72,
    x: {type: "utc", label: "Week (from Monday, UTC)", domain},
    y: {label: "Price", grid: true, tickFormat: (x) => price(x)},
    marks: [
      Plot.areaY(weeks, {x: "week", y1: "min", y2: "max", fill: EVENT_COLORS.view, fillOpacity: 0.2, curve: "step-after"}),
      Plot.lineY(weeks, {x: "week", y: "mean", stroke: EVENT_COLORS.view, curve: "step-after"}),
      weeks.length <= 12 ? Plot.dot(weeks, {x: "week", y: "mean", fill: EVENT_COLORS.view, r: 2.5}) : null,
      Plot.tip(weeks, Plot.pointerX({x: "week", y: "mean", title: (d) => `Week of ${day(d.week)}\nMean ${price(d.mean)}\nLowest ${price(d.min)}, highest ${price(d.max)}\nover ${exact(d.events)} events`}))
    ]
  });
}

/** Users and sessions per month, as a table (months are not added: a user of two months counts in each). */
export function monthsTable(months) {
  return Inputs.table(months, {
    columns: ["month", "users", "sessions", "view_sessions", "cart_sessions", "purchase_sessions", "abandoned_sessions", "abandonment_rate"],
    header: {month: "Month", users: "Users", sessions: "Sessions", view_sessions: "with a view", cart_sessions: "with a cart", purchase_sessions: "with a purchase", abandoned_sessions: "Abandoned", abandonment_rate: "Abandonment"},
    format: {users: exact, sessions: exact, view_sessions: exact, cart_sessions: exact, purchase_sessions: exact, abandoned_sessions: exact, abandonment_rate: percent},
    layout: "auto", select: false, rows: 12
  });
}

/** A top list (products, brands, categories or sub-categories) with links to their views. */
export function topTable(rows, kind) {
  if (!rows?.length) return html`<p class="empty-state">None.</p>`;
  const key = {product: "product_id", brand: "brand", category: "category_code"}[kind];
  const link = (d) => exploreLink(kind, String(d[key]), kind === "product" ? `${d.label} (${d[key]})` : d[key]);
  return Inputs.table(rows.map((d) => ({...d, name: d})), {
    columns: ["name", "views", "purchases", "revenue"],
    header: {name: KIND_NAMES[kind], views: "Views", purchases: "Purchases", revenue: "Revenue"},
    format: {name: link, views: exact, purchases: exact, revenue: money},
    layout: "auto", select: false, sort: null
  });
}

/** A product's recommendations (the data API's lists), with links. */
export function recommendationTable(items, measure) {
  if (!items?.length) return html`<p class="empty-state">None: fewer than two buyers or sessions in common with any product.</p>`;
  const columns = measure === "users_both" ? ["rank", "product", "users_both", "confidence", "lift"] : ["rank", "product", "sessions_both", "share"];
  return Inputs.table(items.map((d) => ({...d, product: d})), {
    columns,
    header: {rank: "#", product: "Product", users_both: "Buyers of both", confidence: "Confidence", lift: "Lift", sessions_both: "Sessions", share: "Share of viewers' sessions"},
    format: {product: (d) => exploreLink("product", String(d.product_id), `${d.label} (${d.product_id})`), users_both: exact, confidence: percent, lift: (x) => x.toFixed(2), sessions_both: exact, share: percent},
    layout: "auto", select: false, sort: null
  });
}

/**
 * The search box: products by id, brands and categories by any part of their name, as the reader types.
 * It loads explore/search.json (every brand and category, and the best-selling products) once, on focus.
 */
export function searchBox() {
  const input = html`<input type="search" placeholder="Find a product id, brand or category" aria-label="Find a product, brand or category" autocomplete="off">`;
  const list = html`<ul class="explore-results" role="listbox"></ul>`;
  const box = html`<div class="explore-search">${input}${list}</div>`;
  input.addEventListener("focus", () => loadSearchIndex().catch(() => {}), {once: true});
  input.addEventListener("input", async () => {
    const query = input.value.trim().toLowerCase();
    if (!query) return list.replaceChildren();
    const index = await loadSearchIndex();
    const found = index.entities.filter(([kind, key, label]) => (kind === "product" ? key.startsWith(query) : (label ?? key).toLowerCase().includes(query) || key.toLowerCase().includes(query)));
    const items = found.slice(0, 8).map(([kind, key, label]) => html`<li>${exploreLink(kind, key, kind === "product" ? `${label ?? key} (${key})` : label ?? key)} <small>${KIND_NAMES[kind].toLowerCase()}</small></li>`);
    // any product id can be opened, not only the best sellers the index lists
    if (/^\d+$/.test(query) && !found.some(([kind, key]) => kind === "product" && key === query)) items.unshift(html`<li>${exploreLink("product", query, `Product ${query}`)} <small>product</small></li>`);
    list.replaceChildren(...(items.length ? items : [html`<li class="empty">Nothing matches “${input.value}”.</li>`]));
  });
  return box;
}

/** Everything a view shows for one entity and period ("all" or YYYY-MM), laid out for `width`; `span`: dataSpan(build). */
export function entityView(doc, month, width, span) {
  const series = entitySeries(doc, month, span);
  const interval = seriesInterval(doc);
  const per = interval === d3.utcMonday ? "week" : "day";
  const perText = interval === d3.utcMonday ? "week (from Monday, UTC)" : "UTC day";
  const t = totals(series);
  const changes = entityComparisons(doc, month, span);
  // a group's or department's users and sessions are not counted (sql/explore_documents.sql)
  const counted = !isDimension(doc.kind);
  const months = counted ? entityMonths(doc, month) : [];
  // with data of one month, "all months" is that month: its users and sessions are the period's
  const oneMonthOfData = d3.utcMonth.floor(span.firstDay) >= d3.utcMonth.floor(span.lastDay);
  const one = month === "all" && !oneMonthOfData ? null : months[0];
  const period = month === "all" ? "all months" : d3.utcFormat("%B %Y")(new Date(`${month}-01T00:00:00Z`));
  const perMonth = "per month, in the table below";
  const weeks = weeklyPrices(series);
  const funnel = (rows) => rows.map(([event_type, value]) => ({event_type, value}));
  const eventFunnel = (w) => funnelChart(funnel([["view", t.views], ["cart", t.carts], ["purchase", t.purchases]]), {width: w, title: "Funnel by events", unit: "events"});
  const section = (title, ...content) => html`<h2>${title}</h2>${content}`;
  const chartWidth = Math.min(width, 1200);
  const halfWidth = width >= 640 ? Math.min(width / 2 - 40, 560) : width;
  return html`<div class="explore-view">
    ${doc.kind === "product" ? html`<p>${doc.brand ? html`Brand ${exploreLink("brand", doc.brand)}` : "No brand"} · ${doc.category_code ? html`category ${exploreLink("category", doc.category_code)}` : "no category_code"}</p>` : ""}
    ${doc.kind === "category" && doc.parent ? html`<p>Part of ${exploreLink("category", doc.parent)}</p>` : ""}
    ${doc.brand_group ? html`<p>In the brand group ${exploreLink("brand_group", doc.brand_group)}</p>` : ""}
    ${doc.department ? html`<p>In the department ${exploreLink("department", doc.department)}</p>` : ""}
    ${doc.kind === "brand_group" ? html`<p>The brands reference/brands.csv puts in this group, their events added up.</p>` : ""}
    ${doc.kind === "department" ? html`<p>The categories reference/categories.csv puts in this department (an event by its category_code's entry, else its category_id's), their events added up.</p>` : ""}
    <div class="grid grid-cols-3">
      ${card("Events", count(t.events), `${exact(t.views)} views, ${exact(t.carts)} carts, ${period}`, changes?.events)}
      ${card("Purchases", count(t.purchases), `revenue ${money(t.revenue)}`, changes?.purchases)}
      ${card("Conversion", percent(t.conversion), "purchases ÷ views (can pass 100%)", changes?.conversion)}
      ${counted ? card("Users", one ? count(one.users) : "–", one ? "distinct users with an event of it" : perMonth, changes?.users) : ""}
      ${counted ? card("Sessions", one ? count(one.sessions) : "–", one ? `${percent(one.purchase_rate)} of them with a purchase of it` : perMonth, changes?.sessions) : ""}
      ${counted ? card("Abandonment", one ? percent(one.abandonment_rate) : "–", one ? `${exact(one.abandoned_sessions)} of ${exact(one.cart_sessions)} sessions that carted it bought none of it` : perMonth, changes?.abandonment) : ""}
    </div>
    ${changes ? html`<p class="caption">Each figure against the month before: events, purchases and conversion over the same number of days when the data ends within the month${doc.kind === "product" ? " (for a brand or category; a product's figures are per week, which cannot be cut at a day, so they compare complete months only)" : ""}${counted ? "; users, sessions and abandonment between complete months only" : ""}.</p>` : ""}
    ${counted ? "" : html`<p class="caption">Users, sessions and abandonment are not shown for a ${KIND_NAMES[doc.kind].toLowerCase()}: a user of two of its ${doc.kind === "brand_group" ? "brands" : "categories"} would be counted twice if its members' figures were added up. Each member's view has them.</p>`}
    ${series.length === 0 ? html`<p class="empty-state">No event in ${period}.</p>` : html`
      <div class="card">${activityChart(series, {width: chartWidth, interval, title: `Events per ${per}, ${period}`})}</div>
      <p class="caption">Views, carts and purchases of it (and removals from cart, when the data has them) per ${perText}, each on its own scale. ${per === "week" ? "Weeks" : "Days"} without an event of it are not drawn.${partialNote(span, series, per)}</p>
      <div class="card">${revenueChart(series, {width: chartWidth, interval, title: `Revenue per ${per}, ${period}`})}</div>
      <p class="caption">The sum of the price of its purchase events, per ${perText}.</p>
      ${counted ? html`<div class="grid grid-cols-2">
        <div class="card">${eventFunnel(halfWidth)}</div>
        ${one ? html`<div class="card">${funnelChart(funnel([["view", one.view_sessions], ["cart", one.cart_sessions], ["purchase", one.purchase_sessions]]), {width: halfWidth, title: "Funnel by sessions", unit: "sessions"})}</div>` : html`<div class="card"><h2>Funnel by sessions</h2><p>Sessions are counted per month: pick a month, or see the table below.</p></div>`}
      </div>
      <p class="caption">Left: its view, cart and purchase events in ${period}. Right: the sessions with a view, a cart event and a purchase of it. The percentage is the share of the stage before.</p>` : html`
      <div class="card">${eventFunnel(chartWidth)}</div>
      <p class="caption">Its view, cart and purchase events in ${period}. The percentage is the share of the stage before.</p>`}
      ${weeks.length ? html`<div class="card">${priceChart(weeks, {width: chartWidth, title: `Price per week, ${period}`})}</div>
      <p class="caption">The mean price of its events in each week (the line), between the lowest and the highest (the band); events with price 0 are left out.</p>` : ""}
    `}
    ${counted ? html`${section("Users and sessions per month", monthsTable(months))}
    <p class="caption">Distinct users and non-empty sessions with an event of it, month by month. A user or session active in two months counts in each, so the months are not added up. Abandoned: sessions that carted it and bought none of it.</p>` : ""}
    ${doc.kind === "category" ? section("Sub-categories", topTable(doc.children, "category")) : ""}
    ${doc.kind !== "product" ? section("Top products (all months)", topTable(doc.top_products, "product")) : ""}
    ${["brand", "brand_group", "department"].includes(doc.kind) ? section("Top categories (all months)", topTable(doc.top_categories, "category")) : ""}
    ${["category", "category_id", "brand_group", "department"].includes(doc.kind) ? section("Top brands (all months)", topTable(doc.top_brands, "brand")) : ""}
    ${doc.kind === "product" ? html`
      ${section("Bought by the same customers", recommendationTable(doc.recommendations?.also_bought, "users_both"))}
      <p class="caption">Products bought (in any month) by the same users as this one, best first (see also_bought on the Definitions page).</p>
      ${section("Bought after viewing it", recommendationTable(doc.recommendations?.viewed_then_bought, "sessions_both"))}
      <p class="caption">Products bought in the same session after a view of this one (see viewed_then_bought).</p>` : ""}
    ${doc.kind !== "product" ? html`<p class="caption">Top lists rank by revenue, then purchases, then views, over all months.</p>` : ""}
  </div>`;
}

/** A view's title: "Product 123: acme · a.b", "Brand: acme", "Category: a.b". */
export function viewTitle(doc) {
  return doc.kind === "product" ? `Product ${doc.key}: ${doc.label}` : `${KIND_NAMES[doc.kind]}: ${doc.label}`;
}

/** The entity the page's address asks for: {kind, key} (category.html takes ?code= or ?id=). */
export function askedEntity(page) {
  const params = new URLSearchParams(location.search);
  if (page === "category") return params.has("id") ? {kind: "category_id", key: params.get("id")} : {kind: "category", key: params.get("code")};
  const [kind, [, param]] = Object.entries(VIEW_PAGES).find(([, [p]]) => p === page);
  return {kind, key: params.get(param)};
}

/** What a view shows when its entity is missing from the address or from the data. */
export function notFound({kind, key}) {
  const what = KIND_NAMES[kind].toLowerCase();
  return key == null || key === ""
    ? html`<p class="empty-state">No ${what} chosen: find one with the search box above, or open one from another page.</p>`
    : html`<p class="empty-state">No ${what} “${key}” in the data. Find one with the search box above.</p>`;
}
