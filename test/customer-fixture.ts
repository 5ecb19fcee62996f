// A small hand-made dataset for the customer snapshots (acquisition, retention, lifecycle, customers,
// segments), January to May 2020, and what each must say about it, worked out by hand below. Users
// U1..U6 are user ids 1..6.
//
// - U1 is active in three months that do not follow each other (Jan, Mar, May), and buys for the first
//   time in May, four months after the first visit.
// - U2 views on Friday 31 January and buys on Saturday 1 February: one week across a month end.
// - U3 buys without a session id.
// - U4 is active in February, March and April and buys on two days in April.
// - U5 views on 1 January (the data's first day) and never comes back.
// - U6 buys on 31 May (the data's last day, a Sunday), one purchase row logged twice.
// - Revenue and recency tie at the quintile boundaries (see customers below).
import { plainRow as row, type EventRow } from "./fixture.ts";

export const CUSTOMER_ROWS: EventRow[] = [
  row("2020-01-01 09:00:00", "view", 1, 100, 5, "A5"),
  row("2020-01-15 10:00:00", "view", 1, 100, 1, "A1"),
  row("2020-01-31 20:00:00", "view", 2, 50, 2, "A2"),
  row("2020-02-01 09:00:00", "purchase", 2, 50, 2, "B2"),
  row("2020-02-10 12:00:00", "purchase", 3, 50, 3, null),
  row("2020-02-20 12:00:00", "view", 4, 200, 4, "A4"),
  row("2020-03-10 12:00:00", "view", 1, 100, 1, "B1"),
  row("2020-03-20 12:00:00", "cart", 4, 200, 4, "B4"),
  row("2020-04-20 12:00:00", "purchase", 4, 200, 4, "C4"),
  row("2020-04-21 12:00:00", "purchase", 5, 100, 4, "D4"),
  row("2020-05-05 12:00:00", "view", 1, 100, 1, "C1"),
  row("2020-05-05 12:05:00", "purchase", 1, 100, 1, "C1"),
  row("2020-05-31 18:00:00", "purchase", 6, 50, 6, "A6"),
  row("2020-05-31 18:00:00", "purchase", 6, 50, 6, "A6"),
];

const day = (period: string, active: number, news: number, buyers: number, newBuyers: number, complete = true) =>
  ({ grain: "day", period, active_users: active, new_users: news, returning_users: active - news, buyers, new_buyers: newBuyers, complete });

// acquisition: each day with an event is a period; weeks start on Monday (1 January 2020 is a Wednesday,
// so the first week starts on 30 December 2019, before the data: incomplete); U2's Friday and Saturday
// fall in the week of 27 January, which counts U2 once. Every month from January to May lies wholly in
// the data (1 January to 31 May).
export const EXPECTED_ACQUISITION = [
  day("2020-01-01", 1, 1, 0, 0), day("2020-01-15", 1, 1, 0, 0), day("2020-01-31", 1, 1, 0, 0), day("2020-02-01", 1, 0, 1, 1),
  day("2020-02-10", 1, 1, 1, 1), day("2020-02-20", 1, 1, 0, 0), day("2020-03-10", 1, 0, 0, 0), day("2020-03-20", 1, 0, 0, 0),
  day("2020-04-20", 1, 0, 1, 1), day("2020-04-21", 1, 0, 1, 0), day("2020-05-05", 1, 0, 1, 1), day("2020-05-31", 1, 1, 1, 1),
  ...[
    ["2019-12-30", 1, 1, 0, 0, false], ["2020-01-13", 1, 1, 0, 0, true], ["2020-01-27", 1, 1, 1, 1, true], ["2020-02-10", 1, 1, 1, 1, true],
    ["2020-02-17", 1, 1, 0, 0, true], ["2020-03-09", 1, 0, 0, 0, true], ["2020-03-16", 1, 0, 0, 0, true], ["2020-04-20", 1, 0, 1, 1, true],
    ["2020-05-04", 1, 0, 1, 1, true], ["2020-05-25", 1, 1, 1, 1, true],
  ].map(([period, active, news, buyers, newBuyers, complete]) => ({ ...day(period as string, active as number, news as number, buyers as number, newBuyers as number, complete as boolean), grain: "week" })),
  // January: U5, U1, U2 (all new); February: U2 (returning), U3, U4 (new), U2 and U3 buy (both for the
  // first time); March: U1, U4; April: U4 buys (first time); May: U1 (buys, first time) and U6 (new, buys)
  ...[
    ["2020-01-01", 3, 3, 0, 0], ["2020-02-01", 3, 2, 2, 2], ["2020-03-01", 2, 0, 0, 0], ["2020-04-01", 1, 0, 1, 1], ["2020-05-01", 2, 1, 2, 2],
  ].map(([period, active, news, buyers, newBuyers]) => ({ ...day(period as string, active as number, news as number, buyers as number, newBuyers as number), grain: "month" })),
];

// lifecycle: active months U1 {Jan, Mar, May}, U2 {Jan, Feb}, U3 {Feb}, U4 {Feb, Mar, Apr}, U5 {Jan},
// U6 {May}; buying months U2 {Feb}, U3 {Feb}, U4 {Apr}, U1 {May}, U6 {May}.
const life = (basis: string, month: string, news: number, returning: number, resurrecting: number, dormant: number) =>
  ({ basis, month, new: news, returning, resurrecting, dormant });
export const EXPECTED_LIFECYCLE = [
  life("activity", "2020-01-01", 3, 0, 0, 0),
  life("activity", "2020-02-01", 2, 1, 0, 2), // U3, U4 new; U2 returning; U1, U5 dormant
  life("activity", "2020-03-01", 0, 1, 1, 2), // U4 returning; U1 resurrecting; U2, U3 dormant
  life("activity", "2020-04-01", 0, 1, 0, 1), // U4 returning; U1 dormant
  life("activity", "2020-05-01", 1, 0, 1, 1), // U6 new; U1 resurrecting again; U4 dormant
  life("purchase", "2020-01-01", 0, 0, 0, 0),
  life("purchase", "2020-02-01", 2, 0, 0, 0),
  life("purchase", "2020-03-01", 0, 0, 0, 2),
  life("purchase", "2020-04-01", 1, 0, 0, 0),
  life("purchase", "2020-05-01", 2, 0, 0, 1),
];

// retention by month (the data's last period is May): activity cohorts January {U1, U2, U5},
// February {U3, U4}, May {U6}; purchase cohorts February {U2, U3}, April {U4}, May {U1, U6}.
const cohort = (basis: string, start: string, size: number, retained: number[]) =>
  retained.map((n, i) => ({ basis, grain: "month", cohort: start, period_index: i, cohort_users: size, retained_users: n, retention_rate: n / size, complete: true }));
export const EXPECTED_RETENTION_MONTHLY = [
  ...cohort("activity", "2020-01-01", 3, [3, 1, 1, 0, 1]), // Feb U2, Mar U1, Apr nobody, May U1
  ...cohort("activity", "2020-02-01", 2, [2, 1, 1, 0]), // Mar and Apr U4
  ...cohort("activity", "2020-05-01", 1, [1]),
  ...cohort("purchase", "2020-02-01", 2, [2, 0, 0, 0]),
  ...cohort("purchase", "2020-04-01", 1, [1, 0]),
  ...cohort("purchase", "2020-05-01", 2, [2]),
];

// retention by week: the last week is that of 25 May. Activity cohorts (first week) 30 Dec {U5},
// 13 Jan {U1}, 27 Jan {U2}, 10 Feb {U3}, 17 Feb {U4}, 25 May {U6}: 22 + 20 + 18 + 16 + 15 + 1 rows.
export const EXPECTED_RETENTION_WEEKLY_ROWS = { activity: 92 };
// U1 (cohort 13 Jan) is back in the weeks of 9 March (index 8) and 4 May (index 16); U2's two days are
// one week; the cohort of 30 December starts before the data.
export const EXPECTED_RETENTION_WEEKLY_CELLS = [
  { cohort: "2020-01-13", period_index: 0, retained_users: 1, complete: true },
  { cohort: "2020-01-13", period_index: 8, retained_users: 1, complete: true },
  { cohort: "2020-01-13", period_index: 9, retained_users: 0, complete: true },
  { cohort: "2020-01-13", period_index: 16, retained_users: 1, complete: true },
  { cohort: "2020-01-27", period_index: 0, retained_users: 1, complete: true },
  { cohort: "2020-01-27", period_index: 1, retained_users: 0, complete: true },
  { cohort: "2019-12-30", period_index: 0, retained_users: 1, complete: false },
];

// customers: recency to 31 May: U6 0, U1 26, U4 40, U3 111, U2 120 (2020 is a leap year). Quintiles of
// recency (nearest rank, n = 5: the 1st, 2nd, 3rd and 4th smallest): 0, 26, 40, 111, so U6 r5, U1 r4
// (exactly q40), U4 r3, U3 r2, U2 r1. Revenue: U2 50, U3 50, U1 100, U6 100, U4 300; quintiles 50, 50,
// 100, 100: U2 and U3 m1 (both at q20), U1 and U6 m3 (at q60, not above q40), U4 m5 (above q80).
// Purchase days: U4 2 (f2), the others 1 (f1). U6's purchase row logged twice counts twice.
const customer = (user_id: number, first: string, last: string, recency: number, days: number, purchases: number, revenue: number, r: number, f: number, m: number, segment: string) =>
  ({ user_id, first_purchase: first, last_purchase: last, recency_days: recency, purchase_days: days, purchases, revenue, r_score: r, f_score: f, m_score: m, segment });
export const EXPECTED_CUSTOMERS = [
  customer(1, "2020-05-05 12:05:00", "2020-05-05 12:05:00", 26, 1, 1, 100, 4, 1, 3, "New customers"),
  customer(2, "2020-02-01 09:00:00", "2020-02-01 09:00:00", 120, 1, 1, 50, 1, 1, 1, "Lost"),
  customer(3, "2020-02-10 12:00:00", "2020-02-10 12:00:00", 111, 1, 1, 50, 2, 1, 1, "Hibernating"),
  customer(4, "2020-04-20 12:00:00", "2020-04-21 12:00:00", 40, 2, 2, 300, 3, 2, 5, "Need attention"),
  customer(6, "2020-05-31 18:00:00", "2020-05-31 18:00:00", 0, 1, 2, 100, 5, 1, 3, "New customers"),
];

// segments: of 5 buyers and 600 of revenue
export const EXPECTED_SEGMENTS = [
  { segment: "New customers", customers: 2, customer_share: 0.4, revenue: 200, revenue_share: 1 / 3, mean_recency_days: 13, mean_purchase_days: 1, mean_revenue: 100, display_order: 3 },
  { segment: "Need attention", customers: 1, customer_share: 0.2, revenue: 300, revenue_share: 0.5, mean_recency_days: 40, mean_purchase_days: 2, mean_revenue: 300, display_order: 5 },
  { segment: "Hibernating", customers: 1, customer_share: 0.2, revenue: 50, revenue_share: 50 / 600, mean_recency_days: 111, mean_purchase_days: 1, mean_revenue: 50, display_order: 8 },
  { segment: "Lost", customers: 1, customer_share: 0.2, revenue: 50, revenue_share: 50 / 600, mean_recency_days: 120, mean_purchase_days: 1, mean_revenue: 50, display_order: 9 },
];
