-- overlap_session_keys: the hashes of the month's session ids that an earlier month has too
--
-- Computed for each month (`rollup_session_keys`: this month's) against all the months before it
-- (`earlier_rollup_session_keys`) and cached until one of them changes: adding the newest month probes
-- the earlier months' keys once with its own, instead of comparing every month's keys again. These few
-- hashes point sql/models/cross_month_sessions.sql at the sessions that may cross a month end.
--
-- Run once for each range of hashes from range_low to range_high (set by data-loaders/snapshots/rollups.ts):
-- the session keys are sorted by hash, so a range is read from a few row groups.
--
-- columns:
--   session_hash  UBIGINT  hash of a session id of this month that an earlier month has (once)
SELECT DISTINCT e.session_hash
FROM earlier_rollup_session_keys e
SEMI JOIN (
  SELECT session_hash FROM rollup_session_keys WHERE session_hash BETWEEN getvariable('range_low') AND getvariable('range_high')
) m USING (session_hash)
WHERE e.session_hash BETWEEN getvariable('range_low') AND getvariable('range_high')
