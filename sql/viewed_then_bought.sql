-- viewed_then_bought: for each product, what the sessions that viewed it went on to buy (top 10)
--
-- A session counts for a pair when its first view of product_id is at or before its last purchase of a
-- different product other_product_id (by event_time); a view and a purchase of the same product never
-- pair. Only non-empty sessions count, and a session seen in two months is one session: its view may be
-- in one month and its purchase in the next. The monthly counts (rollup_viewed_bought, and the view
-- sessions of rollup_product_months) count such a session in each month, so its monthly parts are taken out and the
-- merged session put back, as in sql/abandonment.sql. Pairs need at least 2 sessions; per product the
-- top 10 by sessions_both (most first), then other_product_id (lowest first).
--
-- columns:
--   product_id        BIGINT  product viewed
--   other_product_id  BIGINT  another product bought afterwards in the same session
--   sessions_both     BIGINT  distinct non-empty sessions whose first view of product_id is at or before their last purchase of other_product_id
--   sessions_viewed   BIGINT  distinct non-empty sessions with a view of product_id
--   share             DOUBLE  sessions_both / sessions_viewed
--   rank              BIGINT  1 to 10 within product_id
WITH far AS (
  -- sessions with a part away from its month's edges: their products come from the raw events
  SELECT DISTINCT user_session FROM cross_month_sessions WHERE raw
),
parts AS (
  -- each month's part of the sessions seen in more than one month, product by product
  SELECT month, user_session, product_id, first_view, last_purchase
  FROM rollup_session_product_edges
  WHERE user_session IN (SELECT user_session FROM cross_month_sessions) AND user_session NOT IN (SELECT user_session FROM far)
  UNION ALL
  SELECT month, user_session::VARCHAR, product_id,
    min(event_time) FILTER (event_type = 'view'), max(event_time) FILTER (event_type = 'purchase')
  FROM events
  WHERE event_type IN ('view', 'purchase') AND user_session::VARCHAR IN (SELECT user_session FROM far)
  GROUP BY ALL
),
merged AS (
  SELECT user_session, product_id, min(first_view) AS first_view, max(last_purchase) AS last_purchase
  FROM parts
  GROUP BY ALL
),
part_keys AS NOT MATERIALIZED (
  -- a month's part of a session is a session of its own
  SELECT month || ' ' || user_session AS session_key, product_id, first_view, last_purchase FROM parts
),
merged_keys AS NOT MATERIALIZED (
  SELECT user_session AS session_key, product_id, first_view, last_purchase FROM merged
),
pairs AS (
  SELECT product_id, other_product_id, sum(sessions_both)::BIGINT AS sessions_both
  FROM (
    SELECT product_id, other_product_id, sessions_both FROM rollup_viewed_bought
    UNION ALL
    SELECT product_id, other_product_id, -sessions_both FROM viewed_bought_pairs('part_keys')
    UNION ALL
    SELECT product_id, other_product_id, sessions_both FROM viewed_bought_pairs('merged_keys')
  )
  GROUP BY ALL
  HAVING sum(sessions_both) >= 2
),
viewed AS (
  SELECT product_id, sum(view_sessions)::BIGINT AS sessions_viewed
  FROM (
    SELECT key::BIGINT AS product_id, view_sessions FROM rollup_product_months WHERE view_sessions > 0
    UNION ALL
    SELECT product_id, -count(*) FROM parts WHERE first_view IS NOT NULL GROUP BY product_id
    UNION ALL
    SELECT product_id, count(*) FROM merged WHERE first_view IS NOT NULL GROUP BY product_id
  )
  GROUP BY product_id
)
SELECT
  p.product_id, p.other_product_id, p.sessions_both, v.sessions_viewed, p.sessions_both / v.sessions_viewed AS share,
  row_number() OVER (PARTITION BY p.product_id ORDER BY p.sessions_both DESC, p.other_product_id) AS rank
FROM pairs p
JOIN viewed v USING (product_id)
QUALIFY rank <= 10
ORDER BY p.product_id, rank
