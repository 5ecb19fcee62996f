-- session_shapes: every non-empty session of the data once, by shape (types seen, duration, events)
--
-- The monthly session_shapes rollups count a session that crosses a month end once in each month. Here
-- those sessions are taken out of the monthly counts and put back once, merged from their monthly parts.
--
-- columns:
--   types       INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
--   duration_s  DOUBLE   last minus first event time, seconds (0 for a one-event session)
--   events      BIGINT   rows of the session
--   sessions    BIGINT   sessions with this shape
WITH seen_in_several_months AS (
  -- the hash finds candidates cheaply; grouping by the id itself below makes the match exact
  SELECT session_hash FROM rollup_sessions WHERE user_session IS NOT NULL GROUP BY session_hash HAVING count(*) > 1
),
month_parts AS (
  SELECT *
  FROM rollup_sessions
  WHERE user_session IS NOT NULL AND session_hash IN (SELECT session_hash FROM seen_in_several_months)
  QUALIFY count(*) OVER (PARTITION BY user_session) > 1
),
merged AS (
  SELECT
    bit_or(types) AS types,
    seconds_between(min(first_time), max(last_time)) AS duration_s,
    sum(events) AS events
  FROM month_parts
  GROUP BY user_session
),
corrections AS (
  SELECT types, seconds_between(first_time, last_time) AS duration_s, events, -1 AS sessions FROM month_parts
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
