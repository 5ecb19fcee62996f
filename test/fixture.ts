// A small hand-made dataset with every quirk of the real exports, and what each snapshot must say about
// it, worked out by hand in the comments. Sessions S1..S8, users 1..8, products 100..600.
//
// - S1 crosses the October/November month end; its cart is in October and its purchase in November.
// - S2 has two views at the same second with different brands (alpha, zeta): the greatest wins.
// - S3 crosses midnight and logs the same cart row five times (exact duplicates).
// - S4 is shared by users 4 and 5 and has a remove_from_cart.
// - S5 buys at price 0 without a cart event; S8 buys twice without a cart event.
// - Two rows (user 6) have no session; S6 has an exact duplicate view.
// - Product 100's latest event has no brand and no category_code; product 400 never has a category_code;
//   product 600 never has a brand. Brands with HTML, quotes and a comma, and non-ASCII letters.
export interface EventRow {
  event_time: string;
  event_type: string;
  product_id: number;
  category_id: number;
  category_code: string | null;
  brand: string | null;
  price: number;
  user_id: number;
  user_session: string | null;
}

/** A row of product category 1 (a.b, brand acme): the customer and recommendation fixtures need no more. */
export const plainRow = (event_time: string, event_type: string, product_id: number, price: number, user_id: number, user_session: string | null): EventRow =>
  ({ event_time, event_type, product_id, category_id: 1, category_code: "a.b", brand: "acme", price, user_id, user_session });

export const HTML_BRAND = "<img src=x onerror=alert(1)>";
export const QUOTED_BRAND = '"quoted", comma';
export const UMLAUT_BRAND = "Müller & Söhne";

const row = (
  event_time: string, event_type: string, product_id: number, category_code: string | null,
  brand: string | null, price: number, user_id: number, user_session: string | null,
): EventRow => ({ event_time, event_type, product_id, category_id: product_id / 10, category_code, brand, price, user_id, user_session });

export const FIXTURE_ROWS: EventRow[] = [
  row("2019-10-31 23:58:00", "view", 100, "electronics.phone", "acme", 100, 1, "S1"),
  row("2019-10-31 23:59:00", "cart", 100, "electronics.phone", "acme", 100, 1, "S1"),
  row("2019-11-01 00:01:00", "purchase", 100, null, null, 90, 1, "S1"),
  row("2019-11-01 10:00:00", "view", 200, "kids.toys", "alpha", 40, 2, "S2"),
  row("2019-11-01 10:05:00", "view", 200, "kids.toys", "alpha", 40, 2, "S2"),
  row("2019-11-01 10:05:00", "view", 200, "kids.toys", "zeta", 40, 2, "S2"),
  row("2019-11-01 10:06:00", "purchase", 200, "kids.toys", null, 50, 2, "S2"),
  row("2019-11-02 23:59:50", "view", 600, null, null, 5, 3, "S3"),
  ...Array.from({ length: 5 }, () => row("2019-11-03 00:00:10", "cart", 600, null, null, 5, 3, "S3")),
  row("2019-11-05 12:00:00", "view", 300, "apparel.shoes", HTML_BRAND, 10, 4, "S4"),
  row("2019-11-05 12:01:00", "cart", 300, "apparel.shoes", HTML_BRAND, 10, 5, "S4"),
  row("2019-11-05 12:02:00", "remove_from_cart", 300, "apparel.shoes", HTML_BRAND, 10, 5, "S4"),
  row("2019-11-06 09:00:00", "view", 300, "apparel.shoes", HTML_BRAND, 0, 4, "S5"),
  row("2019-11-06 09:00:30", "purchase", 300, "apparel.shoes", HTML_BRAND, 0, 4, "S5"),
  row("2019-11-07 15:00:00", "view", 400, null, UMLAUT_BRAND, 25.5, 6, null),
  row("2019-11-07 15:01:00", "cart", 400, null, UMLAUT_BRAND, 25.5, 6, null),
  row("2019-12-01 08:00:00", "view", 500, "sport.bicycle", QUOTED_BRAND, 300, 6, "S6"),
  row("2019-12-01 08:00:00", "view", 500, "sport.bicycle", QUOTED_BRAND, 300, 6, "S6"),
  row("2019-12-02 18:00:00", "cart", 100, "electronics.phone", "acme", 95, 7, "S7"),
  row("2019-12-02 18:10:00", "view", 400, null, UMLAUT_BRAND, 26.5, 7, "S7"),
  row("2019-12-03 09:00:00", "view", 500, "sport.bicycle", QUOTED_BRAND, 310, 8, "S8"),
  row("2019-12-03 09:01:00", "purchase", 500, "sport.bicycle", QUOTED_BRAND, 310, 8, "S8"),
  row("2019-12-03 09:02:00", "purchase", 500, "sport.bicycle", QUOTED_BRAND, 310, 8, "S8"),
];

// funnel: 27 rows = 12 views + 9 carts + 5 purchases + 1 remove_from_cart.
// users:    view {1,2,3,4,6,7,8}  cart {1,3,5,6,7}  purchase {1,2,4,8}  remove {5}
// sessions: view S1..S8           cart S1,S3,S4,S7  purchase S1,S2,S5,S8  remove S4
// (the cart of user 6 has no session; S1 counts once although it is in two months)
export const EXPECTED_FUNNEL = [
  { event_type: "view", stage: 1, events: 12, users: 7, sessions: 8 },
  { event_type: "cart", stage: 2, events: 9, users: 5, sessions: 4 },
  { event_type: "purchase", stage: 3, events: 5, users: 4, sessions: 4 },
  { event_type: "remove_from_cart", stage: null, events: 1, users: 1, sessions: 1 },
];

// products: avg_price is the mean over all the product's events.
// 100: 100, 100, 90, 95 -> 96.25; brand from the December cart (latest with a brand)
// 200: 40, 40, 40, 50 -> 42.5; brand: alpha and zeta tie at 10:05 -> zeta; category from the purchase
// 300: 10, 10, 10, 0, 0 -> 6; revenue 0 (bought at price 0)
// 400: 25.5, 25.5, 26.5 -> 25.8333; no category_code ever
// 500: 300, 300, 310, 310, 310 -> 306; two purchases of 310
// 600: 5 x 6 -> 5; no brand, no category_code ever
export const EXPECTED_PRODUCTS = [
  { product_id: 100, brand: "acme", category_code: "electronics.phone", avg_price: 96.25, views: 1, carts: 2, purchases: 1, revenue: 90, conversion_rate: 1 },
  { product_id: 200, brand: "zeta", category_code: "kids.toys", avg_price: 42.5, views: 3, carts: 0, purchases: 1, revenue: 50, conversion_rate: 1 / 3 },
  { product_id: 300, brand: HTML_BRAND, category_code: "apparel.shoes", avg_price: 6, views: 2, carts: 1, purchases: 1, revenue: 0, conversion_rate: 0.5 },
  { product_id: 400, brand: UMLAUT_BRAND, category_code: null, avg_price: 77.5 / 3, views: 2, carts: 1, purchases: 0, revenue: 0, conversion_rate: 0 },
  { product_id: 500, brand: QUOTED_BRAND, category_code: "sport.bicycle", avg_price: 306, views: 3, carts: 0, purchases: 2, revenue: 620, conversion_rate: 2 / 3 },
  { product_id: 600, brand: null, category_code: null, avg_price: 5, views: 1, carts: 5, purchases: 0, revenue: 0, conversion_rate: 0 },
];

// abandonment: 100 is carted in S1 (bought in S1, in the next month) and in S7 (not bought) -> 1 of 2;
// 300 carted in S4, bought only in S5 -> 1 of 1; 600's five cart rows in S3 count as one session;
// 400's cart has no session, so 400 is not listed.
export const EXPECTED_ABANDONMENT = [
  { product_id: 100, brand: "acme", category_code: "electronics.phone", cart_sessions: 2, abandoned_sessions: 1, abandonment_rate: 0.5, cart_events: 2, purchase_events: 1 },
  { product_id: 300, brand: HTML_BRAND, category_code: "apparel.shoes", cart_sessions: 1, abandoned_sessions: 1, abandonment_rate: 1, cart_events: 1, purchase_events: 1 },
  { product_id: 600, brand: null, category_code: null, cart_sessions: 1, abandoned_sessions: 1, abandonment_rate: 1, cart_events: 5, purchase_events: 0 },
];

// sessions (duration s, events):
// purchasers      S1 (180, 3) across the month end, S2 (360, 4), S5 (30, 2), S8 (120, 3)
//   mean duration 690 / 4 = 172.5, median (120 + 180) / 2 = 150; mean events 12 / 4 = 3, median 3
// non-purchasers  S3 (20, 6) across midnight, S4 (120, 3), S6 (0, 2), S7 (600, 2)
//   mean duration 740 / 4 = 185, median (20 + 120) / 2 = 70; mean events 13 / 4 = 3.25, median 2.5
export const EXPECTED_SESSIONS = [
  { segment: "purchaser", sessions: 4, mean_duration_s: 172.5, median_duration_s: 150, mean_events: 3, median_events: 3 },
  { segment: "non_purchaser", sessions: 4, mean_duration_s: 185, median_duration_s: 70, mean_events: 3.25, median_events: 2.5 },
];

// brand_daily: purchases with a brand only (those of 100 and 200 have none).
export const EXPECTED_BRAND_DAILY = [
  { brand: QUOTED_BRAND, day: "2019-12-03", purchases: 2, revenue: 620 },
  { brand: HTML_BRAND, day: "2019-11-06", purchases: 1, revenue: 0 },
];

// overview: per month, the rows of that month; users and sessions distinct within the period.
// October holds S1's view and cart; November S1's purchase, S2..S5 and the two rows without session;
// December S6..S8. Conversion = sessions with a purchase / sessions.
export const EXPECTED_OVERVIEW = [
  { month: "all", first_time: "2019-10-31 23:58:00", last_time: "2019-12-03 09:02:00", events: 27, views: 12, carts: 9, purchases: 5, revenue: 760, users: 8, sessions: 8, purchase_sessions: 4, conversion_rate: 0.5 },
  { month: "2019-10", first_time: "2019-10-31 23:58:00", last_time: "2019-10-31 23:59:00", events: 2, views: 1, carts: 1, purchases: 0, revenue: 0, users: 1, sessions: 1, purchase_sessions: 0, conversion_rate: 0 },
  { month: "2019-11", first_time: "2019-11-01 00:01:00", last_time: "2019-11-07 15:01:00", events: 18, views: 7, carts: 7, purchases: 3, revenue: 140, users: 6, sessions: 5, purchase_sessions: 3, conversion_rate: 0.6 },
  { month: "2019-12", first_time: "2019-12-01 08:00:00", last_time: "2019-12-03 09:02:00", events: 7, views: 4, carts: 1, purchases: 2, revenue: 620, users: 3, sessions: 3, purchase_sessions: 1, conversion_rate: 1 / 3 },
];

// funnel_monthly: 'all' is the funnel above; within a month, users and sessions of that month.
export const EXPECTED_FUNNEL_MONTHLY = [
  ...EXPECTED_FUNNEL.map((row) => ({ month: "all", ...row })),
  { month: "2019-10", event_type: "view", stage: 1, events: 1, users: 1, sessions: 1 },
  { month: "2019-10", event_type: "cart", stage: 2, events: 1, users: 1, sessions: 1 },
  { month: "2019-11", event_type: "view", stage: 1, events: 7, users: 4, sessions: 4 },
  { month: "2019-11", event_type: "cart", stage: 2, events: 7, users: 3, sessions: 2 },
  { month: "2019-11", event_type: "purchase", stage: 3, events: 3, users: 3, sessions: 3 },
  { month: "2019-11", event_type: "remove_from_cart", stage: null, events: 1, users: 1, sessions: 1 },
  { month: "2019-12", event_type: "view", stage: 1, events: 4, users: 3, sessions: 3 },
  { month: "2019-12", event_type: "cart", stage: 2, events: 1, users: 1, sessions: 1 },
  { month: "2019-12", event_type: "purchase", stage: 3, events: 2, users: 1, sessions: 1 },
];

// sessions_monthly, November: S1 is only its purchase there (0 s, 1 event). Purchasers S1 (0, 1),
// S2 (360, 4), S5 (30, 2); non-purchasers S3 (20, 6), S4 (120, 3). October: S1's view and cart (60 s).
export const EXPECTED_SESSIONS_MONTHLY = [
  ...EXPECTED_SESSIONS.map((row) => ({ month: "all", ...row })),
  { month: "2019-10", segment: "non_purchaser", sessions: 1, mean_duration_s: 60, median_duration_s: 60, mean_events: 2, median_events: 2 },
  { month: "2019-11", segment: "purchaser", sessions: 3, mean_duration_s: 130, median_duration_s: 30, mean_events: 7 / 3, median_events: 2 },
  { month: "2019-11", segment: "non_purchaser", sessions: 2, mean_duration_s: 70, median_duration_s: 70, mean_events: 4.5, median_events: 4.5 },
  { month: "2019-12", segment: "purchaser", sessions: 1, mean_duration_s: 120, median_duration_s: 120, mean_events: 3, median_events: 3 },
  { month: "2019-12", segment: "non_purchaser", sessions: 2, mean_duration_s: 300, median_duration_s: 300, mean_events: 2, median_events: 2 },
];

// session_distribution, all months, the bins with sessions (the others hold 0):
// durations: purchasers S5 30 s -> 10-30 s; S1 180 s, S8 120 s -> 1-5 min; S2 360 s -> 5-15 min;
// non-purchasers S6 0 s; S3 20 s -> 10-30 s; S4 120 s -> 1-5 min; S7 600 s -> 5-15 min.
// events: purchasers 2 (S5), 3 (S1, S8), 4 (S2); non-purchasers 2 (S6, S7), 3 (S4), 6 (S3).
export const EXPECTED_DISTRIBUTION_ALL = {
  purchaser: { duration: { "10-30 s": 1, "1-5 min": 2, "5-15 min": 1 }, events: { "2": 1, "3": 2, "4": 1 } },
  non_purchaser: { duration: { "0 s": 1, "10-30 s": 1, "1-5 min": 1, "5-15 min": 1 }, events: { "2": 2, "3": 1, "6": 1 } },
};

// product_leaderboard, all months: conversion 100: 1, 500: 2/3, 300: 1/2, 200: 1/3, 400 and 600: 0
// (400 first: more views). With at least 2 views: 200, 300, 400, 500. No product has 5 views.
export const EXPECTED_PRODUCT_RANKING = { 1: [100, 500, 300, 200, 400, 600], 2: [500, 300, 200, 400] };

// abandonment_leaderboard, all months: 300 and 600 are abandoned in their only cart session (the tie
// goes to the lower id), 100 in one of two. In October, S1 carted 100 and bought it only in November.
export const EXPECTED_ABANDONMENT_RANKING = { 1: [300, 600, 100], 2: [100] };

// brand_index: the two brands with purchases, by revenue.
export const EXPECTED_BRAND_INDEX = [
  { brand: QUOTED_BRAND, purchases: 2, revenue: 620, first_day: "2019-12-03", last_day: "2019-12-03", rank: 1 },
  { brand: HTML_BRAND, purchases: 1, revenue: 0, first_day: "2019-11-06", last_day: "2019-11-06", rank: 2 },
];

// brand_series: the same two brands, days counted from the first day of the data (2019-10-31): the
// purchases of December 3rd are day 33, that of November 6th day 6.
export const EXPECTED_BRAND_SERIES = [
  { brand: QUOTED_BRAND, rank: 1, origin: "2019-10-31", days: [33], purchases: [2], revenue: [620] },
  { brand: HTML_BRAND, rank: 2, origin: "2019-10-31", days: [6], purchases: [1], revenue: [0] },
];

// data_quality, per month (see the rows above): November has 8 rows without a brand (the purchase of
// 100, the purchase of 200, the view and five carts of 600), 9 without a category_code, the 2 rows of
// user 6 without a session, 2 at price 0, the five identical cart rows (4 duplicates) and S4 shared by
// users 4 and 5; December has one duplicate view and one row of 400 without a category_code.
export const EXPECTED_DATA_QUALITY = [
  { month: "2019-10", rows: 2, empty_brand_rows: 0, empty_category_code_rows: 0, empty_session_rows: 0, price_zero_rows: 0, duplicate_rows: 0, most_copies: 1, sessions: 1, shared_sessions: 0 },
  { month: "2019-11", rows: 18, empty_brand_rows: 8, empty_category_code_rows: 9, empty_session_rows: 2, price_zero_rows: 2, duplicate_rows: 4, most_copies: 5, sessions: 5, shared_sessions: 1 },
  { month: "2019-12", rows: 7, empty_brand_rows: 0, empty_category_code_rows: 1, empty_session_rows: 0, price_zero_rows: 0, duplicate_rows: 1, most_copies: 2, sessions: 3, shared_sessions: 0 },
];
