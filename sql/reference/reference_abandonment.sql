-- reference_abandonment: the abandonment snapshot (sql/abandonment.sql) written the straightforward way (see reference_funnel.sql).
WITH carted AS (
  SELECT DISTINCT user_session, product_id FROM events WHERE event_type = 'cart' AND user_session IS NOT NULL
),
bought AS (
  SELECT DISTINCT user_session, product_id FROM events WHERE event_type = 'purchase' AND user_session IS NOT NULL
),
per_product AS (
  SELECT
    c.product_id,
    count(*) AS cart_sessions,
    count(*) FILTER (b.user_session IS NULL) AS abandoned_sessions
  FROM carted c
  LEFT JOIN bought b USING (user_session, product_id)
  GROUP BY c.product_id
),
events_per_product AS (
  SELECT
    product_id,
    count(*) FILTER (event_type = 'cart') AS cart_events,
    count(*) FILTER (event_type = 'purchase') AS purchase_events
  FROM events
  GROUP BY product_id
),
latest_brand AS (
  SELECT product_id, brand FROM events WHERE brand IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY event_time DESC, brand DESC) = 1
),
latest_category AS (
  SELECT product_id, category_code FROM events WHERE category_code IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY event_time DESC, category_code DESC) = 1
)
SELECT
  a.product_id, b.brand, k.category_code, a.cart_sessions, a.abandoned_sessions,
  a.abandoned_sessions / a.cart_sessions AS abandonment_rate, e.cart_events, e.purchase_events
FROM per_product a
JOIN events_per_product e USING (product_id)
LEFT JOIN latest_brand b USING (product_id)
LEFT JOIN latest_category k USING (product_id)
ORDER BY a.product_id
