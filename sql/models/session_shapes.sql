-- session_shapes: every non-empty session of the data once, by shape (types seen, duration, events)
--
-- The monthly session_shapes rollups count a session that crosses a month end once in each month. Here
-- those sessions (cross_month_sessions) are taken out of the monthly counts and put back once, merged
-- from their monthly parts.
--
-- columns:
--   types       INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
--   duration_s  DOUBLE   last minus first event time, seconds (0 for a one-event session)
--   events      BIGINT   rows of the session
--   sessions    BIGINT   sessions with this shape
WITH merged AS (
  SELECT
    bit_or(types) AS types,
    seconds_between(min(first_time), max(last_time)) AS duration_s,
    sum(events) AS events
  FROM cross_month_sessions
  GROUP BY user_session
),
corrections AS (
  SELECT types, seconds_between(first_time, last_time) AS duration_s, events, -1 AS sessions FROM cross_month_sessions
  UNION ALL
  SELECT types, duration_s, events, 1 AS sessions FROM merged
)
SELECT types, duration_s, events, sum(sessions)::BIGINT AS sessions
FROM (
  SELECT types, duration_s, events, sessions FROM rollup_session_shapes
  UNION ALL
  SELECT types, duration_s, events, sessions FROM corrections
)
GROUP BY ALL
HAVING sum(sessions) <> 0
