-- Macros shared by the SQL in this folder.

-- Event types as bits, so one bit_or() tells which types a session or user has:
-- 1 view, 2 cart, 4 purchase, 8 remove_from_cart.
CREATE OR REPLACE TEMP MACRO type_bit(event_type) AS
  CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 4 WHEN 'remove_from_cart' THEN 8 ELSE 0 END;

CREATE OR REPLACE TEMP MACRO has_type(types, event_type) AS (types & type_bit(event_type)) <> 0;

-- A 32-bit hash of an event's time, type, product and user: the first sieve for duplicate rows.
CREATE OR REPLACE TEMP MACRO narrow_hash(event_time, event_type, product_id, user_id) AS
  (hash(event_time, event_type, product_id, user_id) >> 32)::UINTEGER;

-- A session part (its first and last event in a month) within a day of the month's edges: the parts that
-- can cross into the month before or after. month_start and month_end are set for each month's rollups.
CREATE OR REPLACE TEMP MACRO near_month_edge(first_time, last_time) AS
  first_time < getvariable('month_start')::TIMESTAMP + INTERVAL 1 DAY OR last_time >= getvariable('month_end')::TIMESTAMP - INTERVAL 1 DAY;

-- The viewed-then-bought pairs of session-product rows (session_key, product_id, first_view,
-- last_purchase): a session counts for (product_id, other_product_id) when its first view of product_id
-- is at or before its last purchase of another product other_product_id. The one definition that the
-- month's rollup (rollup_viewed_bought) and the merge across months (viewed_then_bought) share.
CREATE OR REPLACE TEMP MACRO viewed_bought_pairs(session_products) AS TABLE
  SELECT v.product_id, b.product_id AS other_product_id, count(*) AS sessions_both
  FROM query_table(session_products) b
  JOIN query_table(session_products) v
    ON v.session_key = b.session_key AND v.product_id <> b.product_id AND v.first_view <= b.last_purchase
  GROUP BY ALL;

-- What a product is called where a name is needed (the data has no product names): its brand and
-- category_code, or "product <id>" when it has neither.
CREATE OR REPLACE TEMP MACRO product_label(product_id, brand, category_code) AS
  coalesce(nullif(concat_ws(' · ', brand, category_code), ''), 'product ' || product_id);

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

-- Periods of the customer reports. A grain is 'day', 'week' (from Monday, ISO) or 'month'; a period is
-- named by its first day. A period is complete when it lies wholly between the data's first and last day.
CREATE OR REPLACE TEMP MACRO period_start(grain, day) AS
  CASE grain WHEN 'day' THEN day WHEN 'week' THEN date_trunc('week', day)::DATE ELSE date_trunc('month', day)::DATE END;

CREATE OR REPLACE TEMP MACRO period_end(grain, start) AS
  CASE grain WHEN 'day' THEN start + 1 WHEN 'week' THEN start + 7 ELSE (start + INTERVAL 1 MONTH)::DATE END;

CREATE OR REPLACE TEMP MACRO periods_between(grain, from_start, to_start) AS
  CASE grain WHEN 'day' THEN to_start - from_start WHEN 'week' THEN (to_start - from_start) // 7 ELSE datediff('month', from_start, to_start) END;

CREATE OR REPLACE TEMP MACRO period_after(grain, start, n) AS
  CASE grain WHEN 'day' THEN start + n::INTEGER WHEN 'week' THEN start + 7 * n::INTEGER ELSE (start + to_months(n::INTEGER))::DATE END;

CREATE OR REPLACE TEMP MACRO period_complete(grain, start, first_day, last_day) AS
  start >= first_day AND period_end(grain, start) - 1 <= last_day;

-- Stricter, for comparisons and alert rules, where a day of a few hours would read as a fall: the period
-- lies between the data's first and last event, give or take an hour at each end (an export that starts
-- in the first hour of its first day, or stops in the last hour of its last day, covers that day), as
-- the pages' hollow points do (src/components/periods.js).
CREATE OR REPLACE TEMP MACRO period_covered(grain, start, first_time, last_time) AS
  (start > first_time::DATE OR (start = first_time::DATE AND first_time - start::TIMESTAMP <= INTERVAL 1 HOUR))
  AND (period_end(grain, start) - 1 < last_time::DATE
    OR (period_end(grain, start) - 1 = last_time::DATE AND period_end(grain, start)::TIMESTAMP - last_time <= INTERVAL 1 HOUR));

-- A period's position counted from the first period of the data's first month (0 = that month, or the
-- week holding its 1st), and how many periods there are up to the data's last month: the bits of the
-- activity patterns (sql/models/activity_patterns.sql). The months are set by the build (first_month,
-- last_month: the first days of the first and last months with data).
CREATE OR REPLACE TEMP MACRO period_index(grain, start) AS
  periods_between(grain, period_start(grain, getvariable('first_month')::DATE), start)::INTEGER;

CREATE OR REPLACE TEMP MACRO period_count(grain) AS
  period_index(grain, period_start(grain, period_end('month', getvariable('last_month')::DATE) - 1)) + 1;

CREATE OR REPLACE TEMP MACRO period_at(grain, i) AS
  period_after(grain, period_start(grain, getvariable('first_month')::DATE), i);

-- The positions (0 first) of the bits set in a BIT string, in order.
CREATE OR REPLACE TEMP MACRO set_bits(bits) AS
  list_filter(range(bit_length(bits)), i -> get_bit(bits, i::INTEGER) = 1);

-- The days of a month a bit mask marks (sql/rollups/rollup_user_months.sql), as offsets: 0 = the 1st.
CREATE OR REPLACE TEMP MACRO day_bits(mask) AS
  list_filter(range(31), b -> (mask >> b) & 1 = 1);

-- The RFM segments (sql/customers.sql, sql/segments.sql), in the order pages list them, with what each
-- means: r, f and m are the recency, frequency and monetary scores, 1 to 5.
CREATE OR REPLACE TEMP MACRO rfm_segments() AS TABLE
  SELECT * FROM (VALUES
    (1, 'Champions', 'bought recently and often (r 4-5, f 4-5)'),
    (2, 'Potential loyalists', 'bought recently, a few times (r 4-5, f 2-3)'),
    (3, 'New customers', 'bought recently, once (r 4-5, f 1)'),
    (4, 'Loyal', 'buy often, not the most recently (r 3, f 3-5)'),
    (5, 'Need attention', 'middling recency, few purchases (r 3, f 1-2)'),
    (6, 'Can''t lose them', 'bought often and spent the most, but not lately (r 1-2, f 3-5, m 5)'),
    (7, 'At risk', 'bought often, but not lately (r 1-2, f 3-5, m 1-4)'),
    (8, 'Hibernating', 'bought rarely, a while ago (r 2, f 1-2)'),
    (9, 'Lost', 'bought rarely, long ago (r 1, f 1-2)')
  ) AS s(display_order, segment, meaning);

-- A buyer's segment from the scores, as rfm_segments() lists them.
CREATE OR REPLACE TEMP MACRO rfm_segment(r, f, m) AS
  CASE
    WHEN r >= 4 AND f >= 4 THEN 'Champions'
    WHEN r >= 4 AND f >= 2 THEN 'Potential loyalists'
    WHEN r >= 4 THEN 'New customers'
    WHEN r = 3 AND f >= 3 THEN 'Loyal'
    WHEN r = 3 THEN 'Need attention'
    WHEN f >= 3 AND m = 5 THEN 'Can''t lose them'
    WHEN f >= 3 THEN 'At risk'
    WHEN r = 2 THEN 'Hibernating'
    ELSE 'Lost'
  END;

-- A score of 1 to 5 from four ascending cut points: 1 when at most the first, ..., 5 above the fourth.
CREATE OR REPLACE TEMP MACRO score_up(x, cuts) AS
  CASE WHEN x <= cuts[1] THEN 1 WHEN x <= cuts[2] THEN 2 WHEN x <= cuts[3] THEN 3 WHEN x <= cuts[4] THEN 4 ELSE 5 END;

-- Brand trends load the daily series of a brand from the file of its shard: one of 32 (the build writes a
-- file for each shard that has a brand; this is the only place the number is set).
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
-- ranked in its rollup (sql/rollups/steps/*_ranking.sql), the whole period in sql/models/*_ranking.sql.
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

-- A leaderboard of one period: from a table of its ranked rows (overall = rank, best first, and
-- reached = threshold_reached(count)), the best 100 rows for each threshold of leaderboard_thresholds(),
-- with the threshold, how many rows reach it, and the rank under it. The best 100 for a threshold are
-- among the best 100 of each group of rows reaching a threshold at or above it, so only those candidates
-- are ranked per threshold. Each month's is made in its rollup (sql/rollups/*_leaderboard.sql).
CREATE OR REPLACE TEMP MACRO leaderboard(ranked) AS TABLE
  WITH ranked_rows AS (FROM query_table(ranked)),
  candidates AS (
    SELECT * FROM ranked_rows QUALIFY row_number() OVER (PARTITION BY reached ORDER BY overall) <= 100
  ),
  per_group AS (
    SELECT reached, count(*) AS members FROM ranked_rows GROUP BY ALL
  ),
  qualifying AS (
    SELECT t AS threshold, sum(members)::BIGINT AS qualifying
    FROM per_group, unnest(leaderboard_thresholds()) AS u(t)
    WHERE reached >= t
    GROUP BY ALL
  )
  SELECT c.*, q.threshold, q.qualifying, row_number() OVER (PARTITION BY q.threshold ORDER BY c.overall) AS rank
  FROM candidates c
  JOIN qualifying q ON c.reached >= q.threshold
  QUALIFY rank <= 100;

-- Sessions of one period split into purchasers (at least one purchase) and the others, from a table of
-- its session shapes (types, duration_s, events, sessions; see sql/rollups/rollup_session_shapes.sql).
CREATE OR REPLACE TEMP MACRO session_segments(shapes) AS TABLE
  SELECT
    CASE WHEN has_type(types, 'purchase') THEN 'purchaser' ELSE 'non_purchaser' END AS segment,
    duration_s, events, sessions
  FROM query_table(shapes);

-- Per segment of one period, how many sessions have each value of each measure ('duration_s' or
-- 'events'), from its session shapes: far fewer rows than the shapes.
CREATE OR REPLACE TEMP MACRO session_values(shapes) AS TABLE
  SELECT segment, 'duration_s' AS measure, duration_s AS value, sum(sessions) AS sessions
  FROM session_segments(shapes) GROUP BY ALL
  UNION ALL
  SELECT segment, 'events' AS measure, events AS value, sum(sessions) AS sessions
  FROM session_segments(shapes) GROUP BY ALL;

-- The rows of sql/sessions_monthly.sql for one period, from its session shapes: per segment, sessions,
-- mean and exact median duration and events.
CREATE OR REPLACE TEMP MACRO session_summary(shapes) AS TABLE
  WITH positioned AS (
    SELECT
      *,
      sum(sessions) OVER (PARTITION BY segment, measure ORDER BY value) AS upto,
      sum(sessions) OVER (PARTITION BY segment, measure) AS total
    FROM session_values(shapes)
  ),
  summary AS (
    SELECT
      segment, measure,
      any_value(total) AS sessions,
      sum(value * sessions) / any_value(total) AS mean,
      weighted_median(value, upto, total) AS median
    FROM positioned
    GROUP BY ALL
  )
  SELECT
    segment,
    any_value(sessions)::BIGINT AS sessions,
    any_value(mean) FILTER (measure = 'duration_s') AS mean_duration_s,
    any_value(median) FILTER (measure = 'duration_s') AS median_duration_s,
    any_value(mean) FILTER (measure = 'events') AS mean_events,
    any_value(median) FILTER (measure = 'events') AS median_events
  FROM summary
  GROUP BY segment;

-- The rows of sql/session_distribution.sql for one period, from its session shapes: sessions per segment
-- and bin of each measure, empty bins included. Durations fall in bins from 0 s to over 2 h (each bin
-- holds its upper bound); event counts in bins 1, 2, ... 10, 11-15, 16-20, 21-50, 51 and more.
CREATE OR REPLACE TEMP MACRO session_bins(shapes) AS TABLE
  WITH duration_bins AS (
    SELECT * FROM (VALUES
      (1, -1, 0, '0 s'), (2, 0, 10, 'up to 10 s'), (3, 10, 30, '10-30 s'), (4, 30, 60, '30-60 s'),
      (5, 60, 300, '1-5 min'), (6, 300, 900, '5-15 min'), (7, 900, 1800, '15-30 min'),
      (8, 1800, 3600, '30-60 min'), (9, 3600, 7200, '1-2 h'), (10, 7200, 1e12, 'over 2 h')
    ) AS b(bin, low, high, label)
  ),
  event_bins AS (
    SELECT n AS bin, n - 1 AS low, n AS high, n::VARCHAR AS label FROM range(1, 11) t(n)
    UNION ALL
    SELECT * FROM (VALUES (11, 10, 15, '11-15'), (12, 15, 20, '16-20'), (13, 20, 50, '21-50'), (14, 50, 1e12, '51+'))
  ),
  bins AS (
    SELECT 'duration' AS measure, 'duration_s' AS value_measure, bin, low, high, label FROM duration_bins
    UNION ALL
    SELECT 'events', 'events', bin, low, high, label FROM event_bins
  ),
  counts AS (
    SELECT v.segment, b.measure, b.bin, sum(v.sessions) AS sessions
    FROM session_values(shapes) v
    JOIN bins b ON b.value_measure = v.measure AND v.value > b.low AND v.value <= b.high
    GROUP BY ALL
  )
  SELECT g.segment, b.measure, b.bin::INTEGER AS bin, b.label, coalesce(c.sessions, 0)::BIGINT AS sessions
  FROM (SELECT unnest(['purchaser', 'non_purchaser']) AS segment) g
  CROSS JOIN bins b
  LEFT JOIN counts c USING (segment, measure, bin);

-- Drill-down views (sql/explore_*.sql): a category_code and the codes above it, from the top
-- ('electronics.audio.headphone' gives 'electronics', 'electronics.audio' and itself).
CREATE OR REPLACE TEMP MACRO category_levels(code) AS
  list_transform(range(1, len(string_split(code, '.')) + 1), i -> array_to_string(string_split(code, '.')[1:i], '.'));

-- The code one level up ('electronics' for 'electronics.audio'); NULL at the top.
CREATE OR REPLACE TEMP MACRO category_parent(code) AS
  CASE WHEN contains(code, '.') THEN regexp_replace(code, '\.[^.]*$', '') END;

-- Brands and category codes are grouped by their 64-bit hash in a month's rollups (much faster than by
-- text); the names come back from step_entity_names, which stops the build if two names ever share one.
CREATE OR REPLACE TEMP MACRO name_hash(name) AS CASE WHEN name IS NOT NULL THEN hash(name) END;

-- What the month's entity rollups (rollup_product_months, rollup_brand_months, rollup_category_months,
-- rollup_category_id_months) count for each product, brand or category, from rows (id, user_session,
-- user_id, types: an event's type as a bit) of the events that count for it:
--   users               distinct users with an event of it
--   sessions            distinct non-empty sessions with an event of it
--   view_sessions       of those, with a view of it
--   cart_sessions       with a cart event of it
--   purchase_sessions   with a purchase of it
--   abandoned_sessions  with a cart event and no purchase of it
-- A user or session seen in two months counts in each. One rollup per kind: each aggregation is large (a
-- row per entity and session), and one at a time stays within the memory limit. The rows' CTE must be
-- NOT MATERIALIZED: it is read twice, and scanning the events twice is cheaper than holding them.
CREATE OR REPLACE TEMP MACRO entity_counts(rows_of_kind) AS TABLE
  -- the two large aggregations one after the other (a UNION ALL), not both held for a join: then the
  -- small per-entity rows are put together
  WITH counts AS (
    SELECT id, count(*) AS users, 0 AS sessions, 0 AS view_sessions, 0 AS cart_sessions, 0 AS purchase_sessions, 0 AS abandoned_sessions
    FROM (SELECT DISTINCT id, user_id FROM query_table(rows_of_kind))
    GROUP BY id
    UNION ALL
    SELECT
      id, 0, count(*),
      count(*) FILTER (has_type(types, 'view')),
      count(*) FILTER (has_type(types, 'cart')),
      count(*) FILTER (has_type(types, 'purchase')),
      count(*) FILTER (has_type(types, 'cart') AND NOT has_type(types, 'purchase'))
    FROM (SELECT id, user_session, bit_or(types) AS types FROM query_table(rows_of_kind) WHERE user_session IS NOT NULL GROUP BY ALL)
    GROUP BY id
  )
  SELECT id, sum(COLUMNS(* EXCLUDE (id)))::BIGINT FROM counts GROUP BY id;

-- The part of a day's week (from Monday, UTC) that lies in the month being rolled up, by its first day:
-- the Monday, or the 1st of the month when the week began in the month before. A product's drill-down
-- series is per week part (sql/rollups/rollup_entity_days.sql).
CREATE OR REPLACE TEMP MACRO week_part(day) AS greatest(period_start('week', day), getvariable('month_start')::DATE);

-- The hash an entity (kind, key) of the drill-down views is stored and split by: explore_documents runs
-- once per range of it (range_low and range_high, set by data-loaders/snapshots/snapshots.ts), and the
-- entity rollups are sorted by it, so a range reads a few of their row groups.
CREATE OR REPLACE TEMP MACRO entity_hash(kind, key) AS hash(kind, key);

-- What a drill-down view's series counts for a group of events (an aggregate: a struct that unnest()
-- makes columns, with an explicit GROUP BY): views, carts, purchases, removes (remove_from_cart), events,
-- revenue (the purchases' prices), and the lowest, highest and sum of the prices above 0 and their number.
CREATE OR REPLACE TEMP MACRO day_figures(event_type, price) AS {
  'views': count(*) FILTER (event_type = 'view'),
  'carts': count(*) FILTER (event_type = 'cart'),
  'purchases': count(*) FILTER (event_type = 'purchase'),
  'removes': count(*) FILTER (event_type = 'remove_from_cart'),
  'events': count(*),
  'revenue': coalesce(sum(price) FILTER (event_type = 'purchase'), 0),
  'price_min': min(price) FILTER (price > 0),
  'price_max': max(price) FILTER (price > 0),
  'price_sum': sum(price) FILTER (price > 0),
  'priced': count(*) FILTER (price > 0)
};

-- A day (or week part) of a drill-down view's series as JSON text, in the order of explore_documents'
-- day_columns: [days since 1970-01-01, views, carts, purchases, removes, events, revenue, lowest price,
-- highest price, sum of prices, events with a price]; `days_json` joins them in day order.
CREATE OR REPLACE TEMP MACRO day_json(day, views, carts, purchases, removes, events, revenue, price_min, price_max, price_sum, priced) AS
  '[' || concat_ws(',', day - DATE '1970-01-01', views, carts, purchases, removes, events, revenue,
    coalesce(price_min::VARCHAR, 'null'), coalesce(price_max::VARCHAR, 'null'), coalesce(price_sum::VARCHAR, 'null'), priced) || ']';
-- text, not DuckDB lists: much faster and smaller; ordered by day with list_sort (an ordered aggregate
-- per entity runs out of memory). An aggregate: list() of {day, row} structs.
CREATE OR REPLACE TEMP MACRO days_json(day_rows) AS array_to_string(list_transform(list_sort(day_rows), d -> d.row), ',');
CREATE OR REPLACE TEMP MACRO in_range(h) AS h BETWEEN getvariable('range_low') AND getvariable('range_high');
