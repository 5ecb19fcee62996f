-- sessions_monthly: purchaser and non-purchaser sessions compared, for the whole period and each month
--
-- Sessions are keyed by user_session alone (a session id shared by two users is one session); rows
-- without a session id are left out and counted in `data_quality`. A purchaser session has at least one
-- purchase. Duration is the last minus the first event time; a one-event session lasts 0 s. Medians
-- are exact (the middle value, or the mean of the two middle values). Month 'all' counts every session
-- once; a month counts the sessions as seen within it (a session across a month end is in both). Both
-- are summarized by session_summary in sql/macros.sql; each month's rows come from its rollup.
--
-- columns:
--   month              VARCHAR  'all' or YYYY-MM
--   segment            VARCHAR  purchaser or non_purchaser
--   sessions           BIGINT   sessions in the segment
--   mean_duration_s    DOUBLE   mean duration, seconds
--   median_duration_s  DOUBLE   median duration, seconds
--   mean_events        DOUBLE   mean events per session
--   median_events      DOUBLE   median events per session
WITH periods AS (
  SELECT 'all' AS month, segment, sessions, mean_duration_s, median_duration_s, mean_events, median_events
  FROM session_summary('session_shapes')
  UNION ALL
  SELECT month, segment, sessions, mean_duration_s, median_duration_s, mean_events, median_events
  FROM rollup_sessions_monthly
)
SELECT * FROM periods
ORDER BY month = 'all' DESC, month, segment DESC
