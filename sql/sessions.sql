-- sessions: purchaser and non-purchaser sessions compared
--
-- Sessions are keyed by user_session alone (a session id shared by two users is one session); rows
-- without a session id are left out and counted in `data_quality`. A purchaser session has at least one
-- purchase. Duration is the last minus the first event time; a one-event session lasts 0 s. Medians
-- are exact (the middle value, or the mean of the two middle values). The figures are those of
-- sessions_monthly for the whole period.
--
-- columns:
--   segment            VARCHAR  purchaser or non_purchaser
--   sessions           BIGINT   sessions in the segment
--   mean_duration_s    DOUBLE   mean duration, seconds
--   median_duration_s  DOUBLE   median duration, seconds
--   mean_events        DOUBLE   mean events per session
--   median_events      DOUBLE   median events per session
SELECT segment, sessions, mean_duration_s, median_duration_s, mean_events, median_events
FROM sessions_monthly
WHERE month = 'all'
ORDER BY segment DESC
