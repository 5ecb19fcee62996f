-- rollup_session_stats: the month's sessions in three numbers, for the data quality page
--
-- columns:
--   sessions            BIGINT  distinct non-empty session ids
--   empty_session_rows  BIGINT  rows without a session id
--   shared_sessions     BIGINT  session ids seen with more than one user id
SELECT
  count(*) FILTER (user_session IS NOT NULL) AS sessions,
  coalesce(sum(events) FILTER (user_session IS NULL), 0)::BIGINT AS empty_session_rows,
  count(*) FILTER (user_session IS NOT NULL AND min_user_id <> max_user_id) AS shared_sessions
FROM step_sessions
