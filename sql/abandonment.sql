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
WITH session_products AS (
  SELECT user_session, product_id, sum(cart_events) AS cart_events, sum(purchase_events) AS purchase_events
  FROM rollup_cart_pairs
  WHERE user_session IS NOT NULL
  GROUP BY ALL
),
per_product AS (
  SELECT
    product_id,
    count(*) FILTER (cart_events > 0) AS cart_sessions,
    count(*) FILTER (cart_events > 0 AND purchase_events = 0) AS abandoned_sessions
  FROM session_products
  GROUP BY product_id
  HAVING count(*) FILTER (cart_events > 0) > 0
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
