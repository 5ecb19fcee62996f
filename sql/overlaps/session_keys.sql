-- session_keys: the hashes of the month's session ids that an earlier month has too
--
-- Computed for each month against all the months before it (`earlier_session_keys`) and cached until
-- one of them changes: adding the newest month probes the earlier months' keys once with its own,
-- instead of comparing every month's keys again. These few hashes point
-- sql/models/cross_month_sessions.sql at the sessions that may cross a month end.
--
-- columns:
--   session_hash  UBIGINT  hash of a session id of this month that an earlier month has (once)
SELECT DISTINCT e.session_hash
FROM earlier_session_keys e
SEMI JOIN month_session_keys m USING (session_hash)
