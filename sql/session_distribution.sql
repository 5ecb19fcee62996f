-- session_distribution: how sessions spread over durations and event counts, by segment and month
--
-- For the whole period (month 'all', each session once) and each month (sessions as seen within the
-- month). Durations fall in bins from 0 s to over 2 h (each bin holds its upper bound); event counts in
-- bins 1, 2, ... 10, 11-15, 16-20, 21-50, 51 and more. Empty bins are listed with 0 sessions. The bins
-- are in session_bins (sql/macros.sql); each month's rows come from its rollup.
--
-- columns:
--   month      VARCHAR  'all' or YYYY-MM
--   segment    VARCHAR  purchaser or non_purchaser
--   measure    VARCHAR  duration or events
--   bin        INTEGER  order of the bin
--   label      VARCHAR  the bin as shown, e.g. "1-5 min" or "3"
--   sessions   BIGINT   sessions in the bin
WITH periods AS (
  SELECT 'all' AS month, segment, measure, bin, label, sessions
  FROM session_bins('session_shapes')
  UNION ALL
  SELECT month, segment, measure, bin, label, sessions
  FROM rollup_session_distribution
)
SELECT * FROM periods
ORDER BY month = 'all' DESC, month, segment DESC, measure, bin
