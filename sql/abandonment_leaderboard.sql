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
WITH monthly_pairs AS (
  SELECT month, product_id, sum(cart_events) AS cart_events, sum(purchase_events) AS purchase_events
  FROM rollup_cart_pairs
  WHERE user_session IS NOT NULL
  GROUP BY month, user_session, product_id
),
monthly AS (
  SELECT
    month, product_id,
    count(*) FILTER (cart_events > 0) AS cart_sessions,
    count(*) FILTER (cart_events > 0 AND purchase_events = 0) AS abandoned_sessions
  FROM monthly_pairs
  GROUP BY ALL
  HAVING count(*) FILTER (cart_events > 0) > 0
),
monthly_events AS (
  SELECT month, product_id, sum(carts)::BIGINT AS cart_events, sum(purchases)::BIGINT AS purchase_events
  FROM rollup_products
  GROUP BY ALL
),
per_period AS (
  SELECT m.*, e.cart_events, e.purchase_events FROM monthly m JOIN monthly_events e USING (month, product_id)
  UNION ALL
  SELECT 'all', product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events FROM abandonment
),
qualifying AS (
  SELECT month, threshold AS min_cart_sessions, a.*, count(*) OVER (PARTITION BY month, threshold) AS qualifying_products
  FROM per_period a
  JOIN leaderboard_thresholds() t ON a.cart_sessions >= t.threshold
)
SELECT
  q.month, q.min_cart_sessions::INTEGER AS min_cart_sessions, q.qualifying_products,
  row_number() OVER (
    PARTITION BY q.month, q.min_cart_sessions
    ORDER BY q.abandoned_sessions / q.cart_sessions DESC, q.cart_sessions DESC, q.product_id
  ) AS rank,
  q.product_id, p.brand, p.category_code, q.cart_sessions, q.abandoned_sessions,
  q.abandoned_sessions / q.cart_sessions AS abandonment_rate, q.cart_events, q.purchase_events
FROM qualifying q
JOIN products p USING (product_id)
QUALIFY rank <= 100
ORDER BY q.month = 'all' DESC, q.month, q.min_cart_sessions, rank
