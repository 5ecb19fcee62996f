-- shape: the figures that say whether a dataset looks like the real REES46 export
--
-- One row over the `events` view. data-loaders/demo/targets.ts holds the real export's values of these
-- figures; `npm run generate` prints both side by side.
WITH by_type AS (
  SELECT
    count(*) AS events,
    count(*) FILTER (event_type = 'view') AS views,
    count(*) FILTER (event_type = 'cart') AS carts,
    count(*) FILTER (event_type = 'purchase') AS purchases,
    count(*) FILTER (brand IS NULL) AS empty_brand,
    count(*) FILTER (category_code IS NULL) AS empty_category_code,
    count(*) FILTER (price = 0) AS price_zero,
    count(*) FILTER (user_session IS NULL) AS empty_session_rows
  FROM events
),
-- distinct counts as GROUP BYs, which DuckDB can spill to disk when memory runs short
distinct_counts AS (
  SELECT
    (SELECT count(*) FROM (SELECT DISTINCT product_id FROM events)) AS products,
    (SELECT count(*) FROM (SELECT DISTINCT brand FROM events WHERE brand IS NOT NULL)) AS brands,
    (SELECT count(*) FROM (SELECT DISTINCT user_id FROM events)) AS users
),
sessions AS (
  SELECT
    user_session,
    count(*) AS events,
    bool_or(event_type = 'purchase') AS purchased,
    min(event_time) AS first_time,
    max(event_time) AS last_time,
    min(user_id) <> max(user_id) AS shared
  FROM events
  WHERE user_session IS NOT NULL
  GROUP BY user_session
),
session_figures AS (
  SELECT
    count(*) AS sessions,
    avg(events) AS events_per_session,
    avg(purchased::INTEGER) AS purchase_session_share,
    count(*) FILTER (first_time::DATE <> last_time::DATE) AS sessions_across_midnight,
    count(*) FILTER (date_trunc('month', first_time) <> date_trunc('month', last_time)) AS sessions_across_month_end,
    count(*) FILTER (shared) AS sessions_with_two_users
  FROM sessions
),
duplicates AS (
  SELECT sum(copies - 1) AS duplicate_rows, max(copies) AS most_copies
  FROM (SELECT count(*) AS copies FROM events GROUP BY event_time, event_type, product_id, category_id, category_code, brand, price, user_id, user_session HAVING count(*) > 1)
),
purchase_pairs AS (
  SELECT
    bool_or(event_type = 'cart') AS carted
  FROM events
  WHERE event_type IN ('cart', 'purchase') AND user_session IS NOT NULL
  GROUP BY user_session, product_id
  HAVING bool_or(event_type = 'purchase')
),
daily_purchases AS (
  SELECT event_time::DATE AS day, count(*) AS purchases
  FROM events WHERE event_type = 'purchase' GROUP BY day
),
hourly AS (
  SELECT hour(event_time) AS hour, count(*) AS events FROM events GROUP BY hour
)
SELECT
  t.events,
  t.views / t.events AS view_share,
  t.carts / t.events AS cart_share,
  t.purchases / t.events AS purchase_share,
  t.empty_brand / t.events AS empty_brand_share,
  t.empty_category_code / t.events AS empty_category_code_share,
  t.price_zero / t.events AS price_zero_share,
  s.events_per_session,
  s.purchase_session_share,
  d.duplicate_rows / t.events AS duplicate_row_share,
  d.most_copies AS most_copies_of_a_row,
  (SELECT avg((NOT carted)::INTEGER) FROM purchase_pairs) AS purchases_without_cart_share,
  (SELECT max(purchases) FILTER (day = DATE '2019-11-17') / median(purchases) FROM daily_purchases)
    AS nov17_purchases_vs_median_day,
  (SELECT max(events) / min(events) FROM hourly) AS busiest_to_quietest_hour,
  s.sessions_across_midnight,
  s.sessions_across_month_end,
  s.sessions_with_two_users,
  t.empty_session_rows,
  c.products,
  c.brands,
  c.users,
  s.sessions
FROM by_type t, distinct_counts c, session_figures s, duplicates d
