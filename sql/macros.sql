-- Macros shared by the SQL in this folder.

-- Event types as bits, so one bit_or() tells which types a session or user has:
-- 1 view, 2 cart, 4 purchase, 8 remove_from_cart.
CREATE OR REPLACE TEMP MACRO type_bit(event_type) AS
  CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 4 WHEN 'remove_from_cart' THEN 8 ELSE 0 END;

CREATE OR REPLACE TEMP MACRO has_type(types, event_type) AS (types & type_bit(event_type)) <> 0;

-- A 32-bit hash of an event's time, type, product and user: the first sieve for duplicate rows.
CREATE OR REPLACE TEMP MACRO narrow_hash(event_time, event_type, product_id, user_id) AS
  (hash(event_time, event_type, product_id, user_id) >> 32)::UINTEGER;

-- Seconds between two timestamps, exact to the microsecond.
CREATE OR REPLACE TEMP MACRO seconds_between(first_time, last_time) AS
  (epoch_us(last_time) - epoch_us(first_time)) / 1000000;

-- Exact median of a histogram, as an aggregate over its rows: value, and `upto` = the running count of
-- the rows up to this value in value order (sum(n) OVER (ORDER BY value)), `total` = the whole count.
-- The middle value, or the mean of the two middle values when the count is even.
CREATE OR REPLACE TEMP MACRO weighted_median(value, upto, total) AS
  (min(value) FILTER (upto >= (total + 1) // 2) + min(value) FILTER (upto >= total // 2 + 1)) / 2;

-- Leaderboard thresholds: the "at least N views / cart sessions" choices the pages offer. Each page
-- gets the top 100 for every threshold, so any choice is exact and the page stays small.
CREATE OR REPLACE TEMP MACRO leaderboard_thresholds() AS
  [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

-- The highest threshold a count reaches (NULL below the first): the leaderboards group products by it.
-- Spelled out as a CASE, which is several times faster than filtering the list for every product
-- (test/macros.test.ts checks that the two agree).
CREATE OR REPLACE TEMP MACRO threshold_reached(n) AS
  CASE
    WHEN n >= 100000 THEN 100000
    WHEN n >= 50000 THEN 50000
    WHEN n >= 20000 THEN 20000
    WHEN n >= 10000 THEN 10000
    WHEN n >= 5000 THEN 5000
    WHEN n >= 2000 THEN 2000
    WHEN n >= 1000 THEN 1000
    WHEN n >= 500 THEN 500
    WHEN n >= 200 THEN 200
    WHEN n >= 100 THEN 100
    WHEN n >= 50 THEN 50
    WHEN n >= 20 THEN 20
    WHEN n >= 10 THEN 10
    WHEN n >= 5 THEN 5
    WHEN n >= 2 THEN 2
    WHEN n >= 1 THEN 1
  END;

-- Brand trends load the daily series of a brand from one of this many shards (src/components/brand-shards.js
-- lists the same number of files).
CREATE OR REPLACE TEMP MACRO brand_shard(brand) AS (hash(brand) % 32)::INTEGER;

-- Per event type, the sum of `weight` over the rows that have it among their types (an aggregate), as a
-- struct of four sums. With weight 1 it counts rows.
CREATE OR REPLACE TEMP MACRO sum_by_type(types, weight) AS {
  'view': coalesce(sum(weight) FILTER (has_type(types, 'view')), 0)::BIGINT,
  'cart': coalesce(sum(weight) FILTER (has_type(types, 'cart')), 0)::BIGINT,
  'purchase': coalesce(sum(weight) FILTER (has_type(types, 'purchase')), 0)::BIGINT,
  'remove_from_cart': coalesce(sum(weight) FILTER (has_type(types, 'remove_from_cart')), 0)::BIGINT
};

-- The orders of the two leaderboards, as table macros over a table of one period's rows: `overall` = the
-- rank (1 = best) and `reached` = threshold_reached of the count the thresholds apply to. Each month is
-- ranked in its rollup (sql/rollups/*_ranking.sql), the whole period in sql/models/*_ranking.sql.
-- Products with a view, by conversion (purchases / views), then purchases, then views (highest first),
-- then product_id:
CREATE OR REPLACE TEMP MACRO rank_by_conversion(period) AS TABLE
  SELECT *,
    row_number() OVER (ORDER BY purchases / views DESC, purchases DESC, views DESC, product_id) AS overall,
    threshold_reached(views) AS reached
  FROM query_table(period)
  WHERE views >= 1;

-- Products carted in a session, by abandonment rate (abandoned_sessions / cart_sessions), then cart
-- sessions (highest first), then product_id:
CREATE OR REPLACE TEMP MACRO rank_by_abandonment(period) AS TABLE
  SELECT *,
    row_number() OVER (ORDER BY abandoned_sessions / cart_sessions DESC, cart_sessions DESC, product_id) AS overall,
    threshold_reached(cart_sessions) AS reached
  FROM query_table(period);

-- The leaderboards: from a table of ranked rows (with columns month, overall = rank within the month,
-- best first, and reached = threshold_reached(count)), the best 100 rows for each threshold of
-- leaderboard_thresholds(), with the threshold, how many rows reach it, and the rank under it. The best
-- 100 for a threshold are among the best 100 of each group of rows reaching a threshold at or above it,
-- so only those candidates are ranked per threshold.
CREATE OR REPLACE TEMP MACRO leaderboard(ranked) AS TABLE
  WITH ranked_rows AS (FROM query_table(ranked)),
  candidates AS (
    SELECT * FROM ranked_rows QUALIFY row_number() OVER (PARTITION BY month, reached ORDER BY overall) <= 100
  ),
  per_group AS (
    SELECT month, reached, count(*) AS members FROM ranked_rows GROUP BY ALL
  ),
  qualifying AS (
    SELECT month, t AS threshold, sum(members)::BIGINT AS qualifying
    FROM per_group, unnest(leaderboard_thresholds()) AS u(t)
    WHERE reached >= t
    GROUP BY ALL
  )
  SELECT c.*, q.threshold, q.qualifying, row_number() OVER (PARTITION BY c.month, q.threshold ORDER BY c.overall) AS rank
  FROM candidates c
  JOIN qualifying q ON q.month = c.month AND c.reached >= q.threshold
  QUALIFY rank <= 100;
