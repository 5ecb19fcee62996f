-- lifecycle: each month's active users (or buyers) split by where they come from, and those lost
--
-- For basis activity a user is active in a month with any event in it; for basis purchase, with a
-- purchase. new: active for the first time in the data; returning: active this month and the month
-- before; resurrecting: active this month, not the month before, but in an earlier month; dormant:
-- active the month before, not this month (a positive count; the page draws it below the axis). A row
-- for every month from the data's first to its last; the first month has only new users.
--
-- columns:
--   basis         VARCHAR  activity or purchase
--   month         DATE     first of the month
--   new           BIGINT   active for the first time
--   returning     BIGINT   active this month and the month before
--   resurrecting  BIGINT   active this month, not the month before, in an earlier month
--   dormant       BIGINT   active the month before, not this month
WITH months AS (
  SELECT unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day), INTERVAL 1 MONTH))::DATE AS month
  FROM data_span
),
active AS (
  -- a user's active months, and their buying months, from rollup_user_months
  SELECT 'activity' AS basis, user_id, strptime(month, '%Y-%m')::DATE AS month FROM rollup_user_months
  UNION ALL
  SELECT 'purchase', user_id, strptime(month, '%Y-%m')::DATE FROM rollup_user_months WHERE purchases > 0
),
firsts AS (
  SELECT basis, month, count(*) AS new
  FROM (SELECT basis, user_id, min(month) AS month FROM active GROUP BY ALL)
  GROUP BY ALL
),
totals AS (
  SELECT basis, month, count(*) AS active FROM active GROUP BY ALL
),
continued AS (
  -- users active this month and the month before
  SELECT a.basis, a.month, count(*) AS returning
  FROM active a
  JOIN active b ON b.basis = a.basis AND b.user_id = a.user_id AND b.month = period_after('month', a.month, -1)
  GROUP BY ALL
)
SELECT
  b.basis, m.month,
  coalesce(f.new, 0) AS new,
  coalesce(c.returning, 0) AS returning,
  coalesce(t.active, 0) - coalesce(f.new, 0) - coalesce(c.returning, 0) AS resurrecting,
  -- active the month before, not this month
  coalesce(p.active, 0) - coalesce(c.returning, 0) AS dormant
FROM months m
CROSS JOIN (SELECT unnest(['activity', 'purchase']) AS basis) b
LEFT JOIN firsts f USING (basis, month)
LEFT JOIN totals t USING (basis, month)
LEFT JOIN continued c USING (basis, month)
LEFT JOIN totals p ON p.basis = b.basis AND p.month = period_after('month', m.month, -1)
ORDER BY b.basis, m.month
