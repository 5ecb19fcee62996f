-- abandonment_ranking: every product carted in a non-empty session, ranked within each period by
-- abandonment rate, then cart sessions (highest first), then product_id; for
-- sql/abandonment_leaderboard.sql. A month counts the sessions within it.
--
-- columns:
--   month               VARCHAR  'all' or YYYY-MM
--   product_id          BIGINT   product
--   cart_sessions       BIGINT   sessions with a cart event of the product
--   abandoned_sessions  BIGINT   of those, sessions without a purchase event of the product
--   cart_events         BIGINT   cart events of the product in the period
--   purchase_events     BIGINT   purchase events of the product in the period
--   overall             BIGINT   rank in the period, 1 = most abandoned
--   reached             INTEGER  the highest cart_sessions threshold the product reaches
WITH per_period AS (
  SELECT c.month, c.product_id, c.cart_sessions, c.abandoned_sessions, p.carts AS cart_events, p.purchases AS purchase_events
  FROM rollup_cart_products c
  JOIN product_periods p USING (month, product_id)
  UNION ALL
  SELECT 'all', product_id, cart_sessions, abandoned_sessions, cart_events, purchase_events FROM abandonment
)
SELECT
  *,
  row_number() OVER (PARTITION BY month ORDER BY abandoned_sessions / cart_sessions DESC, cart_sessions DESC, product_id) AS overall,
  threshold_reached(cart_sessions) AS reached
FROM per_period
