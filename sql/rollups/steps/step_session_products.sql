-- step_session_products: per non-empty session and product, its first view and last purchase in the month
--
-- A step (kept in memory while the month's rollups run, never written): the viewed-then-bought rollups
-- (rollup_view_sessions, rollup_viewed_bought, rollup_session_product_edges) come from it.
--
-- columns:
--   user_session   VARCHAR    session id (UUID in a month stored that way, see data-loaders/shared/layout.ts)
--   product_id     BIGINT     product viewed or bought in the session
--   first_view     TIMESTAMP  first view of the product in the session this month (NULL without one)
--   last_purchase  TIMESTAMP  last purchase of the product in the session this month (NULL without one)
SELECT
  user_session,
  product_id,
  min(event_time) FILTER (event_type = 'view') AS first_view,
  max(event_time) FILTER (event_type = 'purchase') AS last_purchase
FROM events
WHERE user_session IS NOT NULL AND event_type IN ('view', 'purchase')
GROUP BY user_session, product_id
