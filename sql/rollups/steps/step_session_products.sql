-- step_session_products: per session with a purchase (or near the month's edges) and product, its first
-- view and last purchase in the month
--
-- A step (kept in memory while the month's rollups run, never written): rollup_viewed_bought and
-- rollup_session_product_edges come from it. Only the sessions that can hold a viewed-then-bought pair
-- are kept: those with a purchase in the month, and those within a day of the month's edges (they may
-- buy in the month before or after). That is a few percent of the month's sessions: grouping every
-- session's products would cost several times more.
--
-- columns:
--   user_session   VARCHAR    session id (UUID in a month stored that way, see data-loaders/shared/layout.ts)
--   near_edge      BOOLEAN    the session starts or ends within a day of the month's edges
--   product_id     BIGINT     product viewed or bought in the session
--   first_view     TIMESTAMP  first view of the product in the session this month (NULL without one)
--   last_purchase  TIMESTAMP  last purchase of the product in the session this month (NULL without one)
WITH kept AS (
  SELECT user_session, near_month_edge(first_time, last_time) AS near_edge
  FROM step_sessions
  WHERE user_session IS NOT NULL AND (has_type(types, 'purchase') OR near_month_edge(first_time, last_time))
)
SELECT
  e.user_session,
  k.near_edge,
  e.product_id,
  min(e.event_time) FILTER (e.event_type = 'view') AS first_view,
  max(e.event_time) FILTER (e.event_type = 'purchase') AS last_purchase
FROM events e
JOIN kept k USING (user_session)
WHERE e.event_type IN ('view', 'purchase')
GROUP BY e.user_session, k.near_edge, e.product_id
