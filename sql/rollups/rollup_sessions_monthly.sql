-- rollup_sessions_monthly: the month's rows of the sessions_monthly snapshot (sessions as seen within the month)
--
-- Made here, once per month, from this month's `session_shapes`; session_summary is in sql/macros.sql.
--
-- columns:
--   segment            VARCHAR  purchaser or non_purchaser
--   sessions           BIGINT   sessions in the segment
--   mean_duration_s    DOUBLE   mean duration, seconds
--   median_duration_s  DOUBLE   median duration, seconds
--   mean_events        DOUBLE   mean events per session
--   median_events      DOUBLE   median events per session
SELECT segment, sessions, mean_duration_s, median_duration_s, mean_events, median_events
FROM session_summary('rollup_session_shapes')
