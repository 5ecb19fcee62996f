-- funnel_monthly: the funnel for the whole period (month 'all', as in `funnel`) and for each month
--
-- Within a month, users and sessions are those with an event of the type in that month.
--
-- columns:
--   month       VARCHAR  'all' or YYYY-MM
--   event_type  VARCHAR  view, cart, purchase or remove_from_cart
--   stage       INTEGER  1 view, 2 cart, 3 purchase; NULL for event types that are no funnel stage
--   events      BIGINT   rows of this type
--   users       BIGINT   distinct users with an event of this type
--   sessions    BIGINT   distinct non-empty sessions with an event of this type
WITH events_by_month AS (
  SELECT month, event_type, sum(events)::BIGINT AS events FROM rollup_days GROUP BY ALL
),
users_by_month AS (
  UNPIVOT (SELECT month, unnest(counts) FROM (SELECT month, sum_by_type(types, users) AS counts FROM rollup_user_counts GROUP BY month))
  ON COLUMNS(* EXCLUDE month) INTO NAME event_type VALUE users
),
sessions_by_month AS (
  UNPIVOT (SELECT month, unnest(counts) FROM (SELECT month, sum_by_type(types, sessions) AS counts FROM rollup_session_shapes GROUP BY month))
  ON COLUMNS(* EXCLUDE month) INTO NAME event_type VALUE sessions
)
SELECT * FROM (
  SELECT 'all' AS month, event_type, stage, events, users, sessions FROM funnel
  UNION ALL
  SELECT e.month, e.event_type, f.stage, e.events, u.users, s.sessions
  FROM events_by_month e
  JOIN funnel f USING (event_type)
  JOIN users_by_month u USING (month, event_type)
  JOIN sessions_by_month s USING (month, event_type)
)
ORDER BY month = 'all' DESC, month, stage NULLS LAST, event_type
