-- rollup_session_distribution: the month's rows of the session_distribution snapshot (sessions as seen within
-- the month)
--
-- Made here, once per month, from this month's `session_shapes`; session_bins is in sql/macros.sql.
--
-- columns:
--   segment   VARCHAR  purchaser or non_purchaser
--   measure   VARCHAR  duration or events
--   bin       INTEGER  order of the bin
--   label     VARCHAR  the bin as shown, e.g. "1-5 min" or "3"
--   sessions  BIGINT   sessions in the bin
SELECT segment, measure, bin, label, sessions
FROM session_bins('rollup_session_shapes')
