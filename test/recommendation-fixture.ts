// Two small hand-made datasets for the recommendations (also_bought, viewed_then_bought) and the win-back
// list (reengagement), January to April 2020, and what each snapshot must say, worked out by hand below.
// Products P1..P16 are product ids 1..16; users are named by id.
import { plainRow as row, type EventRow } from "./fixture.ts";

// Recommendations, with recommendations.maxProductsPerUser = 3 (so that user 4 is above it):
// - user 1 buys P1 in January and P2 in February (a pair across months);
// - session S1: views P1 and P2, then buys P1 (a view and a purchase of P1 never pair);
// - session S2: views P1, buys P2, P1, P3, and only then views P3 (too late to count for P3);
// - session S3 crosses the end of January (views P3 on both sides, buys P2 on 1 February);
// - session FAR views P3 on 15 January and buys P2 on 15 February: far from the month's edges;
// - S6 logs its purchase of P2 twice; user 9 views and buys without a session id (no session pair).
export const RECOMMENDATION_ROWS: EventRow[] = [
  row("2020-01-10 10:00:00", "view", 1, 10, 1, "S1"),
  row("2020-01-10 10:01:00", "view", 2, 10, 1, "S1"),
  row("2020-01-10 10:02:00", "purchase", 1, 10, 1, "S1"),
  row("2020-01-11 09:00:00", "view", 1, 10, 2, "S2"),
  row("2020-01-11 09:05:00", "purchase", 2, 10, 2, "S2"),
  row("2020-01-11 09:06:00", "purchase", 1, 10, 2, "S2"),
  row("2020-01-11 09:07:00", "purchase", 3, 10, 2, "S2"),
  row("2020-01-11 09:10:00", "view", 3, 10, 2, "S2"),
  row("2020-01-15 12:00:00", "view", 3, 10, 10, "FAR"),
  row("2020-01-31 23:50:00", "view", 3, 10, 1, "S3"),
  row("2020-02-01 00:05:00", "view", 3, 10, 1, "S3"),
  row("2020-02-01 00:10:00", "purchase", 2, 10, 1, "S3"),
  row("2020-02-03 10:00:00", "purchase", 1, 10, 4, "S7"),
  row("2020-02-03 10:01:00", "purchase", 2, 10, 4, "S7"),
  row("2020-02-03 10:02:00", "purchase", 3, 10, 4, "S7"),
  row("2020-02-03 10:03:00", "purchase", 4, 10, 4, "S7"),
  row("2020-02-15 12:00:00", "purchase", 2, 10, 10, "FAR"),
  row("2020-03-05 10:00:00", "purchase", 8, 10, 7, "S8"),
  row("2020-03-05 10:01:00", "purchase", 6, 10, 7, "S8"),
  row("2020-03-05 10:02:00", "purchase", 7, 10, 7, "S8"),
  row("2020-03-06 10:00:00", "purchase", 8, 10, 8, "S9"),
  row("2020-03-06 10:01:00", "purchase", 6, 10, 8, "S9"),
  row("2020-03-06 10:02:00", "purchase", 7, 10, 8, "S9"),
  row("2020-03-10 10:00:00", "view", 3, 10, 3, "S4"),
  row("2020-03-10 10:01:00", "view", 1, 10, 3, "S4"),
  row("2020-03-10 10:02:00", "purchase", 1, 10, 3, "S4"),
  row("2020-03-10 10:03:00", "purchase", 3, 10, 3, "S4"),
  row("2020-04-03 10:00:00", "view", 3, 10, 9, null),
  row("2020-04-03 10:05:00", "purchase", 5, 10, 9, null),
  row("2020-04-05 08:00:00", "view", 3, 10, 6, "S5"),
  row("2020-04-05 08:10:00", "purchase", 5, 10, 6, "S5"),
  row("2020-04-05 08:11:00", "purchase", 1, 10, 6, "S5"),
  row("2020-04-12 12:00:00", "view", 3, 10, 5, "S6"),
  row("2020-04-12 12:05:00", "purchase", 2, 10, 5, "S6"),
  row("2020-04-12 12:05:00", "purchase", 2, 10, 5, "S6"),
  row("2020-04-12 12:06:00", "purchase", 5, 10, 5, "S6"),
];

// also_bought. Products bought per user: 1 {P1, P2}, 2 {P1, P2, P3}, 3 {P1, P3}, 4 {P1, P2, P3, P4}
// (above the cap of 3: out of the pairs, still a buyer), 5 {P2, P5}, 6 {P1, P5}, 7 and 8 {P6, P7, P8},
// 9 {P5}, 10 {P2}: 10 buyers. Buyers per product: P1 5 (1, 2, 3, 4, 6), P2 5 (1, 2, 4, 5, 10), P3 3,
// P5 3, P6, P7 and P8 2 each. Pairs with at least 2 users (users 1, 2, 3, 5, 6, 7, 8 only):
// P1-P2 {1, 2}, P1-P3 {2, 3}, and P6-P7, P6-P8, P7-P8 {7, 8}. lift = users_both x 10 / (users_product x
// buyers of the other): P1 to P3 20 / 15, P1 to P2 20 / 25 (a tie in users_both, decided by lift);
// P6 to P7 and P8 both 20 / 4 (a tie in lift too, decided by the lower id).
const also = (product_id: number, other_product_id: number, users_product: number, lift: number, rank: number) =>
  ({ product_id, other_product_id, users_both: 2, users_product, confidence: 2 / users_product, lift, rank });
export const EXPECTED_ALSO_BOUGHT = [
  also(1, 3, 5, 20 / 15, 1), also(1, 2, 5, 20 / 25, 2),
  also(2, 1, 5, 20 / 25, 1),
  also(3, 1, 3, 20 / 15, 1),
  also(6, 7, 2, 5, 1), also(6, 8, 2, 5, 2),
  also(7, 6, 2, 5, 1), also(7, 8, 2, 5, 2),
  also(8, 6, 2, 5, 1), also(8, 7, 2, 5, 2),
];

// viewed_then_bought. Sessions per pair (first view of the first product at or before the last purchase
// of the second): P1 then P2 {S2}, P1 then P3 {S2, S4}, P2 then P1 {S1}, P3 then P1 {S4, S5}, P3 then P2
// {S3 (across the month end), S6, FAR}, P3 then P5 {S5, S6}. Sessions viewing: P1 {S1, S2, S4}, P3 {S2,
// S3 (once), S4, S5, S6, FAR}. Kept: 2 sessions or more; P3's ties in sessions go to the lower id.
const viewed = (product_id: number, other_product_id: number, sessions_both: number, sessions_viewed: number, rank: number) =>
  ({ product_id, other_product_id, sessions_both, sessions_viewed, share: sessions_both / sessions_viewed, rank });
export const EXPECTED_VIEWED_THEN_BOUGHT = [
  viewed(1, 3, 2, 3, 1),
  viewed(3, 2, 3, 6, 1), viewed(3, 1, 2, 6, 2), viewed(3, 5, 2, 6, 3),
];

export const EXPECTED_RECOMMENDATION_SUMMARY = {
  buyers: 10, capped_buyers: 1, max_products_per_user: 3, products_also_bought: 6, products_viewed_then_bought: 2,
  reengagement_buyers: 0, reengagement_recommended: 0,
};

// Win-back list (default configuration). Users 100, 101 and 102 buy on 1, 2 and 3 January and never
// again; eight recent buyers (201 to 208) buy on 30 April, the data's last day. 11 buyers, recency: eight
// 0, three 118 (3 January to 30 April 2020); nearest-rank quintiles 0, 0, 0 and 118 (the 9th of 11), so
// the three score r 2; three purchase days score f 3. Revenue: 101 300, 100 and 102 80, 201 and 202 20,
// 203 to 208 10; quintiles 10, 10, 20, 80, so 101 scores m 5 (Can't lose them), 100 and 102 m 4 (At
// risk). Listed by revenue, then id: 101, 100, 102.
// - 101's last product is P12; also_bought of P12: P10, P11 (both with users 101 and 102) and P13 (with
//   201 and 202), all 2 users and the same lift, so ranked by id; 101 bought P10 and P11: P13.
// - 102 buys P11 and P14 at the same last moment: P14 (the greater id), which has no pair: NULL.
// - 100 buys only P15: no pair, NULL.
const W = (event_time: string, product_id: number, price: number, user_id: number) => row(event_time, "purchase", product_id, price, user_id, `W${user_id}-${event_time.slice(0, 10)}`);
export const REENGAGEMENT_ROWS: EventRow[] = [
  W("2020-01-01 10:00:00", 15, 40, 100), W("2020-01-02 10:00:00", 15, 20, 100), W("2020-01-03 10:00:00", 15, 20, 100),
  W("2020-01-01 10:00:00", 10, 100, 101), W("2020-01-02 10:00:00", 11, 100, 101), W("2020-01-03 10:00:00", 12, 100, 101),
  W("2020-01-01 10:00:00", 10, 20, 102), W("2020-01-02 10:00:00", 12, 20, 102), W("2020-01-03 10:00:00", 11, 20, 102), W("2020-01-03 10:00:00", 14, 20, 102),
  // the months between have visitors, so that no month is missing
  row("2020-02-10 10:00:00", "view", 16, 10, 300, "V1"), row("2020-03-10 10:00:00", "view", 16, 10, 300, "V2"),
  W("2020-04-30 10:00:00", 12, 10, 201), W("2020-04-30 10:01:00", 13, 10, 201),
  W("2020-04-30 10:00:00", 12, 10, 202), W("2020-04-30 10:01:00", 13, 10, 202),
  ...[203, 204, 205, 206, 207, 208].map((user) => W("2020-04-30 12:00:00", 16, 10, user)),
];

export const EXPECTED_REENGAGEMENT = [
  { user_id: 101, segment: "Can't lose them", last_purchase: "2020-01-03 10:00:00", recency_days: 118, purchase_days: 3, revenue: 300, last_product_id: 12, recommended_product_id: 13 },
  { user_id: 100, segment: "At risk", last_purchase: "2020-01-03 10:00:00", recency_days: 118, purchase_days: 3, revenue: 80, last_product_id: 15, recommended_product_id: null },
  { user_id: 102, segment: "At risk", last_purchase: "2020-01-03 10:00:00", recency_days: 118, purchase_days: 3, revenue: 80, last_product_id: 14, recommended_product_id: null },
];
