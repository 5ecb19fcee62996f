-- session_distribution: how sessions spread over durations and event counts, by segment and month
--
-- For the whole period (month 'all', each session once) and each month (sessions as seen within the
-- month). Durations fall in bins from 0 s to over 2 h (each bin holds its upper bound); event counts in
-- bins 1, 2, ... 10, 11-15, 16-20, 21-50, 51 and more. Empty bins are listed with 0 sessions.
--
-- columns:
--   month      VARCHAR  'all' or YYYY-MM
--   segment    VARCHAR  purchaser or non_purchaser
--   measure    VARCHAR  duration or events
--   bin        INTEGER  order of the bin
--   label      VARCHAR  the bin as shown, e.g. "1-5 min" or "3"
--   sessions   BIGINT   sessions in the bin
WITH shapes AS (
  SELECT 'all' AS month, types, duration_s, events, sessions FROM session_shapes
  UNION ALL
  SELECT month, types, duration_s, events, sessions FROM rollup_session_shapes
),
duration_bins AS (
  SELECT * FROM (VALUES
    (1, -1, 0, '0 s'), (2, 0, 10, 'up to 10 s'), (3, 10, 30, '10-30 s'), (4, 30, 60, '30-60 s'),
    (5, 60, 300, '1-5 min'), (6, 300, 900, '5-15 min'), (7, 900, 1800, '15-30 min'),
    (8, 1800, 3600, '30-60 min'), (9, 3600, 7200, '1-2 h'), (10, 7200, 1e12, 'over 2 h')
  ) AS b(bin, low, high, label)
),
event_bins AS (
  SELECT n AS bin, n - 1 AS low, n AS high, n::VARCHAR AS label FROM range(1, 11) t(n)
  UNION ALL
  SELECT * FROM (VALUES (11, 10, 15, '11-15'), (12, 15, 20, '16-20'), (13, 20, 50, '21-50'), (14, 50, 1e12, '51+'))
),
bins AS (
  SELECT 'duration' AS measure, bin, low, high, label FROM duration_bins
  UNION ALL
  SELECT 'events', bin, low, high, label FROM event_bins
),
segmented AS (
  SELECT
    month, CASE WHEN has_type(types, 'purchase') THEN 'purchaser' ELSE 'non_purchaser' END AS segment,
    duration_s, events, sessions
  FROM shapes
),
measured AS (
  -- sessions per value of each measure first: far fewer rows to place in bins
  SELECT month, segment, 'duration' AS measure, duration_s AS value, sum(sessions) AS sessions FROM segmented GROUP BY ALL
  UNION ALL
  SELECT month, segment, 'events' AS measure, events AS value, sum(sessions) AS sessions FROM segmented GROUP BY ALL
),
counts AS (
  SELECT m.month, m.segment, b.measure, b.bin, sum(m.sessions) AS sessions
  FROM measured m
  JOIN bins b ON b.measure = m.measure AND m.value > b.low AND m.value <= b.high
  GROUP BY ALL
)
SELECT p.month, g.segment, b.measure, b.bin::INTEGER AS bin, b.label, coalesce(c.sessions, 0)::BIGINT AS sessions
FROM (SELECT DISTINCT month FROM shapes) p
CROSS JOIN (SELECT unnest(['purchaser', 'non_purchaser']) AS segment) g
CROSS JOIN bins b
LEFT JOIN counts c USING (month, segment, measure, bin)
ORDER BY p.month = 'all' DESC, p.month, g.segment DESC, b.measure, b.bin
