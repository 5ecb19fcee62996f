-- abandonment_leaderboard: the 100 products most often left in the cart, for each month and threshold
--
-- As `abandonment`, for the whole period (month 'all') and each month (sessions within the month), and
-- for each threshold of leaderboard_thresholds() on cart_sessions; ranked by abandonment_rate, then
-- cart_sessions (highest first), then product_id.
--
-- columns:
--   month                VARCHAR  'all' or YYYY-MM
--   min_cart_sessions    INTEGER  the threshold: products carted in at least this many sessions
--   qualifying_products  BIGINT   products that meet the threshold (the list shows the top 100)
--   rank                 BIGINT   1 = most abandoned
--   product_id           BIGINT   product
--   brand                VARCHAR  as in products
--   category_code        VARCHAR  as in products
--   cart_sessions        BIGINT   distinct non-empty sessions with a cart event of the product
--   abandoned_sessions   BIGINT   of those, sessions without a purchase event of the product
--   abandonment_rate     DOUBLE   abandoned_sessions / cart_sessions
--   cart_events          BIGINT   cart events of the product in the period
--   purchase_events      BIGINT   purchase events of the product in the period
WITH per_period AS (
  SELECT c.month, c.product_id, c.cart_sessions, c.abandoned_sessions, p.carts AS cart_events, p.purchases AS purchase_events
  FROM rollup_cart_products c
  JOIN product_periods p USING (month, product_id)
  UNION ALL
  SELECT 'all', product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events FROM abandonment
),
ranked AS (
  SELECT
    *,
    row_number() OVER (PARTITION BY month ORDER BY abandoned_sessions / cart_sessions DESC, cart_sessions DESC, product_id) AS overall,
    threshold_reached(cart_sessions) AS reached
  FROM per_period
),
-- as in product_leaderboard: the top 100 of each group reaching a threshold are the only candidates
candidates AS (
  SELECT * FROM ranked QUALIFY row_number() OVER (PARTITION BY month, reached ORDER BY overall) <= 100
),
per_group AS (
  SELECT month, reached, count(*) AS products FROM ranked GROUP BY ALL
),
qualifying AS (
  SELECT month, t AS min_cart_sessions, sum(products)::BIGINT AS qualifying_products
  FROM per_group, unnest(leaderboard_thresholds()) AS u(t)
  WHERE reached >= t
  GROUP BY ALL
)
SELECT
  c.month, q.min_cart_sessions::INTEGER AS min_cart_sessions, q.qualifying_products,
  row_number() OVER (PARTITION BY c.month, q.min_cart_sessions ORDER BY c.overall) AS rank,
  c.product_id, p.brand, p.category_code, c.cart_sessions, c.abandoned_sessions,
  c.abandoned_sessions / c.cart_sessions AS abandonment_rate, c.cart_events, c.purchase_events
FROM candidates c
JOIN qualifying q ON q.month = c.month AND c.reached >= q.min_cart_sessions
JOIN products p USING (product_id)
QUALIFY rank <= 100
ORDER BY c.month = 'all' DESC, c.month, q.min_cart_sessions, rank
