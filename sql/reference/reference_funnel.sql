-- reference_funnel: the funnel snapshot (sql/funnel.sql) written the straightforward way: one full scan of
-- the raw events. The benchmark's baseline, and the tests' cross-check of the rollup-based snapshot.
SELECT
  event_type,
  CASE event_type WHEN 'view' THEN 1 WHEN 'cart' THEN 2 WHEN 'purchase' THEN 3 END AS stage,
  count(*) AS events,
  count(DISTINCT user_id) AS users,
  count(DISTINCT user_session) AS sessions
FROM events
GROUP BY event_type
ORDER BY stage NULLS LAST, event_type
