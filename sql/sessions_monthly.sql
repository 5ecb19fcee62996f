-- sessions_monthly: purchaser and non-purchaser sessions compared, for the whole period and each month
--
-- Sessions are keyed by user_session alone (a session id shared by two users is one session); rows
-- without a session id are left out and counted in `data_quality`. A purchaser session has at least one
-- purchase. Duration is the last minus the first event time; a one-event session lasts 0 s. Medians
-- are exact (the middle value, or the mean of the two middle values). Month 'all' counts every session
-- once; a month counts the sessions as seen within it (a session across a month end is in both).
--
-- columns:
--   month              VARCHAR  'all' or YYYY-MM
--   segment            VARCHAR  purchaser or non_purchaser
--   sessions           BIGINT   sessions in the segment
--   mean_duration_s    DOUBLE   mean duration, seconds
--   median_duration_s  DOUBLE   median duration, seconds
--   mean_events        DOUBLE   mean events per session
--   median_events      DOUBLE   median events per session
WITH shapes AS (
  SELECT
    month,
    CASE WHEN has_type(types, 'purchase') THEN 'purchaser' ELSE 'non_purchaser' END AS segment,
    duration_s, events, sessions
  FROM (
    SELECT 'all' AS month, * FROM session_shapes
    UNION ALL
    SELECT month, types, duration_s, events, sessions FROM rollup_session_shapes
  )
),
values AS (
  SELECT month, segment, 'duration_s' AS measure, duration_s AS value, sum(sessions) AS n FROM shapes GROUP BY ALL
  UNION ALL
  SELECT month, segment, 'events' AS measure, events AS value, sum(sessions) AS n FROM shapes GROUP BY ALL
),
positioned AS (
  SELECT
    *,
    sum(n) OVER (PARTITION BY month, segment, measure ORDER BY value) AS upto,
    sum(n) OVER (PARTITION BY month, segment, measure) AS total
  FROM values
),
summary AS (
  SELECT
    month, segment, measure,
    any_value(total) AS sessions,
    sum(value * n) / any_value(total) AS mean,
    weighted_median(value, upto, total) AS median
  FROM positioned
  GROUP BY ALL
)
SELECT
  month,
  segment,
  any_value(sessions)::BIGINT AS sessions,
  any_value(mean) FILTER (measure = 'duration_s') AS mean_duration_s,
  any_value(median) FILTER (measure = 'duration_s') AS median_duration_s,
  any_value(mean) FILTER (measure = 'events') AS mean_events,
  any_value(median) FILTER (measure = 'events') AS median_events
FROM summary
GROUP BY month, segment
ORDER BY month = 'all' DESC, month, segment DESC
