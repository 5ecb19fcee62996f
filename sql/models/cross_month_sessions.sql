-- cross_month_sessions: the monthly parts of every session seen in more than one month
--
-- Few sessions cross a month end. Each month keeps the hash of every session id (rollup_session_keys)
-- and the parts of the sessions near its edges (rollup_session_edges); the hashes a month shares with
-- earlier months (overlap_session_keys, see sql/overlaps/) point at the candidates. Their parts come
-- from the edges, or, for a session that reaches another month from further away, from the raw events
-- (the scan is skipped when there is none). Grouping by the id itself makes the match exact: two ids
-- that share a hash stay apart.
--
-- columns:
--   month         VARCHAR    YYYY-MM
--   user_session  VARCHAR    session id
--   first_time    TIMESTAMP  first event of the session in the month
--   last_time     TIMESTAMP  last event of the session in the month
--   events        BIGINT     rows of the session in the month
--   types         INTEGER    event types seen in the month, as bits
--   min_user_id   BIGINT     smallest user id seen with the session in the month
--   max_user_id   BIGINT     largest user id seen with the session in the month
--   raw           BOOLEAN    the session's parts come from the raw events: one of them is not near its
--                            month's edges, so the monthly edge rollups do not hold it
WITH candidates AS (
  -- a hash found in a month and in n earlier months: seen in n + 1 months
  SELECT session_hash, count(*) + 1 AS months
  FROM overlap_session_keys
  GROUP BY session_hash
),
edge_parts AS (
  SELECT month, user_session, first_time, last_time, events, types, min_user_id, max_user_id, hash(user_session) AS session_hash
  FROM rollup_session_edges
  WHERE hash(user_session) IN (SELECT session_hash FROM candidates)
),
incomplete AS (
  -- candidates with a part in some month that is not among that month's edges
  SELECT c.session_hash
  FROM candidates c
  LEFT JOIN (SELECT session_hash, count(*) AS parts FROM edge_parts GROUP BY session_hash) p USING (session_hash)
  WHERE coalesce(p.parts, 0) < c.months
),
raw_parts AS (
  SELECT
    month, user_session::VARCHAR AS user_session, min(event_time) AS first_time, max(event_time) AS last_time, count(*) AS events,
    bit_or(type_bit(event_type)) AS types, min(user_id) AS min_user_id, max(user_id) AS max_user_id
  FROM events
  WHERE hash(user_session::VARCHAR) IN (SELECT session_hash FROM incomplete)
  GROUP BY month, events.user_session
),
parts AS (
  SELECT * EXCLUDE (session_hash), false AS raw FROM edge_parts WHERE session_hash NOT IN (SELECT session_hash FROM incomplete)
  UNION ALL
  SELECT *, true FROM raw_parts
)
SELECT * FROM parts
QUALIFY count(*) OVER (PARTITION BY user_session) > 1
