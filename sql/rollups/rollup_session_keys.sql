-- rollup_session_keys: the hash of every session id seen in the month, in hash order
--
-- A hash seen in two months points at a session that may cross a month end (see
-- sql/overlaps/overlap_session_keys.sql and sql/models/cross_month_sessions.sql); 8 bytes a session instead of
-- the whole session. The id is hashed as text, so a month stored with UUID ids and one stored with
-- VARCHAR ids agree. Sorted, so that each row group of the file holds a narrow range of hashes and the
-- overlaps read one range at a time.
--
-- columns:
--   session_hash  UBIGINT  hash(user_session)
SELECT hash(user_session::VARCHAR) AS session_hash
FROM step_sessions
WHERE user_session IS NOT NULL
ORDER BY session_hash
