-- session_keys: the hash of every session id seen in the month
--
-- A hash seen in two months points at a session that may cross a month end (see
-- sql/overlaps/session_keys.sql and sql/models/cross_month_sessions.sql); 8 bytes a session instead of
-- the whole session. The id is hashed
-- as text, so a month stored with UUID ids and one stored with VARCHAR ids agree.
--
-- columns:
--   session_hash  UBIGINT  hash(user_session)
SELECT hash(user_session::VARCHAR) AS session_hash
FROM month_sessions
WHERE user_session IS NOT NULL
