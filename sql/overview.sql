-- overview: headline figures for the whole period (month 'all') and for each month
--
-- Users and sessions are distinct within the period; a session that crosses a month end counts in
-- both months but once in 'all'. Conversion is the share of sessions with a purchase.
--
-- columns:
--   month              VARCHAR        'all' or YYYY-MM
--   first_time         TIMESTAMP      first event
--   last_time          TIMESTAMP      last event
--   events             BIGINT         rows
--   views              BIGINT         view events
--   carts              BIGINT         cart events
--   purchases          BIGINT         purchase events
--   revenue            DECIMAL(38,2)  sum of price over purchases
--   users              BIGINT         distinct users
--   sessions           BIGINT         distinct non-empty sessions
--   purchase_sessions  BIGINT         sessions with at least one purchase
--   conversion_rate    DOUBLE         purchase_sessions / sessions
WITH monthly_events AS (
  SELECT
    month,
    min(first_time) AS first_time,
    max(last_time) AS last_time,
    sum(events)::BIGINT AS events,
    sum(events) FILTER (event_type = 'view')::BIGINT AS views,
    sum(events) FILTER (event_type = 'cart')::BIGINT AS carts,
    sum(events) FILTER (event_type = 'purchase')::BIGINT AS purchases,
    coalesce(sum(revenue) FILTER (event_type = 'purchase'), 0) AS revenue
  FROM rollup_days
  GROUP BY month
),
all_events AS (
  SELECT 'all' AS month, min(first_time) AS first_time, max(last_time) AS last_time, sum(events)::BIGINT AS events,
    sum(views)::BIGINT AS views, sum(carts)::BIGINT AS carts, sum(purchases)::BIGINT AS purchases, sum(revenue) AS revenue
  FROM monthly_events
),
people AS (
  SELECT month, sum(users) AS users FROM rollup_user_counts GROUP BY month
  UNION ALL
  SELECT 'all', count(*) FROM user_summary
),
visits AS (
  SELECT month, sum(sessions) AS sessions, coalesce(sum(sessions) FILTER (has_type(types, 'purchase')), 0) AS purchase_sessions
  FROM (SELECT month, types, sessions FROM rollup_session_shapes UNION ALL SELECT 'all', types, sessions FROM session_shapes)
  GROUP BY month
)
SELECT
  e.month, e.first_time, e.last_time, e.events,
  coalesce(e.views, 0) AS views, coalesce(e.carts, 0) AS carts, coalesce(e.purchases, 0) AS purchases, e.revenue,
  p.users::BIGINT AS users,
  coalesce(v.sessions, 0)::BIGINT AS sessions,
  coalesce(v.purchase_sessions, 0)::BIGINT AS purchase_sessions,
  CASE WHEN v.sessions > 0 THEN v.purchase_sessions / v.sessions END AS conversion_rate
FROM (SELECT * FROM monthly_events UNION ALL SELECT * FROM all_events) e
JOIN people p USING (month)
LEFT JOIN visits v USING (month)
ORDER BY e.month = 'all' DESC, e.month
