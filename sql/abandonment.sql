-- abandonment: how often a product put in a cart is not bought in the same session
--
-- For each product with at least one cart event in a non-empty session: the sessions that carted it,
-- and of those the sessions with no purchase of it. A cart row logged 40 times in a session counts
-- once, so the rate never goes negative (unlike (carts - purchases) / carts). cart_events and
-- purchase_events are the product's raw event counts, as in `products`.
--
-- columns:
--   product_id          BIGINT   product
--   brand               VARCHAR  as in products
--   category_code       VARCHAR  as in products
--   cart_sessions       BIGINT   distinct non-empty sessions with a cart event of the product
--   abandoned_sessions  BIGINT   of those, sessions without a purchase event of the product
--   abandonment_rate    DOUBLE   abandoned_sessions / cart_sessions
--   cart_events         BIGINT   all cart events of the product
--   purchase_events     BIGINT   all purchase events of the product
WITH cross_pairs AS (
  -- the cart and purchase events of sessions seen in more than one month, month by month
  SELECT month, user_session, product_id, cart_events, purchase_events
  FROM rollup_cart_pairs
  WHERE user_session IN (SELECT user_session FROM cross_month_sessions)
),
merged_pairs AS (
  SELECT user_session, product_id, sum(cart_events) AS cart_events, sum(purchase_events) AS purchase_events
  FROM cross_pairs
  GROUP BY ALL
),
-- the monthly counts count such a session once in each month it carted the product: take those out and
-- count the session once, over all its months
counts AS (
  SELECT product_id, cart_sessions, abandoned_sessions FROM rollup_cart_products
  UNION ALL
  SELECT product_id, -count(*), -count(*) FILTER (purchase_events = 0) FROM cross_pairs WHERE cart_events > 0 GROUP BY product_id
  UNION ALL
  SELECT product_id, count(*), count(*) FILTER (purchase_events = 0) FROM merged_pairs WHERE cart_events > 0 GROUP BY product_id
),
per_product AS (
  SELECT product_id, sum(cart_sessions)::BIGINT AS cart_sessions, sum(abandoned_sessions)::BIGINT AS abandoned_sessions
  FROM counts
  GROUP BY product_id
  HAVING sum(cart_sessions) > 0
)
SELECT
  a.product_id,
  p.brand,
  p.category_code,
  a.cart_sessions,
  a.abandoned_sessions,
  a.abandoned_sessions / a.cart_sessions AS abandonment_rate,
  p.carts AS cart_events,
  p.purchases AS purchase_events
FROM per_product a
JOIN products p USING (product_id)
ORDER BY a.product_id
