-- rollup_cart_products: per product, the month's sessions that carted it and how many of those did not buy it
--
-- Computed from this month's `cart_pairs`; pairs without a session id are left out. A session that
-- crosses a month end counts in each month it carted the product in (the `abandonment` snapshot
-- counts it once).
--
-- columns:
--   product_id          BIGINT  product
--   cart_sessions       BIGINT  sessions with a cart event of the product in the month
--   abandoned_sessions  BIGINT  of those, sessions without a purchase event of the product in the month
SELECT
  product_id,
  count(*) AS cart_sessions,
  count(*) FILTER (purchase_events = 0) AS abandoned_sessions
FROM rollup_cart_pairs
WHERE user_session IS NOT NULL AND cart_events > 0
GROUP BY product_id
