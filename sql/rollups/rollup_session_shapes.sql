-- rollup_session_shapes: how many of the month's sessions have each shape (types seen, duration, events)
--
-- Computed from this month's `sessions` rollup. Counts, sums and exact medians over all months follow
-- from these rows without going back to single sessions.
--
-- columns:
--   types       INTEGER  event types seen, as bits (see type_bit in sql/macros.sql)
--   duration_s  DOUBLE   last minus first event time, seconds (0 for a one-event session)
--   events      BIGINT   rows of the session
--   sessions    BIGINT   sessions with this shape
SELECT
  types,
  seconds_between(first_time, last_time) AS duration_s,
  events,
  count(*) AS sessions
FROM step_sessions
WHERE user_session IS NOT NULL
GROUP BY ALL
