-- step_sessions: one row per session id seen in the month, and one row (user_session NULL) for the rows
-- that have no session id
--
-- A step: kept in memory while the month's rollups are computed, never written. The rollups
-- rollup_session_keys, rollup_session_edges, rollup_session_shapes and rollup_session_stats are computed
-- from it. Reading
-- user_session is the costliest part of a month, so this is the only pass that groups by it.
--
-- columns:
--   user_session   VARCHAR    session id (UUID in a month stored that way, see data-loaders/shared/layout.ts)
--   first_time     TIMESTAMP  first event of the session in this month
--   last_time      TIMESTAMP  last event of the session in this month
--   events         BIGINT     rows of the session in this month, duplicates included
--   types          INTEGER    event types seen, as bits (see type_bit in sql/macros.sql)
--   min_user_id    BIGINT     smallest user id seen with the session
--   max_user_id    BIGINT     largest; differs from min_user_id when two users share the session id
SELECT
  user_session,
  min(event_time) AS first_time,
  max(event_time) AS last_time,
  count(*) AS events,
  bit_or(type_bit(event_type)) AS types,
  min(user_id) AS min_user_id,
  max(user_id) AS max_user_id
FROM events
GROUP BY user_session
