-- rollup_session_edges: the month's part of each session that starts or ends within a day of the month's edges
--
-- These are the sessions that can cross into the month before or after; the models merge the parts of
-- those that do. (A session that reaches another month from further away is found all the same, from the
-- raw events.) month_start and month_end are set for each month by data-loaders/snapshots/rollups.ts.
--
-- columns:
--   user_session  VARCHAR    session id (as text, whatever the month's layout)
--   first_time    TIMESTAMP  first event of the session in this month
--   last_time     TIMESTAMP  last event of the session in this month
--   events        BIGINT     rows of the session in this month
--   types         INTEGER    event types seen, as bits (see type_bit in sql/macros.sql)
--   min_user_id   BIGINT     smallest user id seen with the session
--   max_user_id   BIGINT     largest user id seen with the session
SELECT user_session::VARCHAR AS user_session, first_time, last_time, events, types, min_user_id, max_user_id
FROM step_sessions
WHERE user_session IS NOT NULL AND near_month_edge(first_time, last_time)
