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
  SELECT 'activity' AS basis, user_id, strptime(month, '%Y-%m')::DATE AS month FROM rollup_users
  UNION ALL
  SELECT DISTINCT 'purchase', user_id, period_start('month', day) FROM rollup_user_days WHERE purchases > 0
),
sequenced AS (
  SELECT basis, month, lag(month) OVER w AS previous, lead(month) OVER w AS next
  FROM active
  WINDOW w AS (PARTITION BY basis, user_id ORDER BY month)
),
arrivals AS (
  SELECT basis, month,
    count(*) FILTER (previous IS NULL) AS new,
    count(*) FILTER (previous = period_after('month', month, -1)) AS returning,
    count(*) FILTER (previous < period_after('month', month, -1)) AS resurrecting
  FROM sequenced
  GROUP BY ALL
),
departures AS (
  -- a user active in a month and not the next is dormant in the next
  SELECT basis, period_after('month', month, 1) AS month, count(*) AS dormant
  FROM sequenced
  WHERE next IS NULL OR next > period_after('month', month, 1)
  GROUP BY ALL
)
SELECT
  b.basis, m.month,
  coalesce(a.new, 0) AS new, coalesce(a.returning, 0) AS returning, coalesce(a.resurrecting, 0) AS resurrecting,
  coalesce(d.dormant, 0) AS dormant
FROM months m
CROSS JOIN (SELECT unnest(['activity', 'purchase']) AS basis) b
LEFT JOIN arrivals a USING (basis, month)
LEFT JOIN departures d USING (basis, month)
ORDER BY b.basis, m.month
