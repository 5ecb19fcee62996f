-- reference_sessions: the sessions snapshot (sql/sessions.sql) written the straightforward way (see reference_funnel.sql).
WITH per_session AS (
  SELECT
    user_session,
    CASE WHEN bool_or(event_type = 'purchase') THEN 'purchaser' ELSE 'non_purchaser' END AS segment,
    (epoch_us(max(event_time)) - epoch_us(min(event_time))) / 1000000 AS duration_s,
    count(*) AS events
  FROM events
  WHERE user_session IS NOT NULL
  GROUP BY user_session
)
SELECT
  segment,
  count(*) AS sessions,
  avg(duration_s) AS mean_duration_s,
  median(duration_s) AS median_duration_s,
  avg(events) AS mean_events,
  median(events) AS median_events
FROM per_session
GROUP BY segment
ORDER BY segment DESC
