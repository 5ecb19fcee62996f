-- retention: of each cohort of users, the share still active (or buying) each period after
--
-- A cohort is the users whose first event (basis activity) or first purchase (basis purchase) falls in
-- the same month or week (from Monday); a user counts as retained in the period cohort + period_index
-- with any event (activity) or a purchase (purchase) in it. "First" means first in the data the reports
-- cover: users seen before the data starts join the cohort of the period they are first seen in. Every
-- cohort has a row for every index from 0 to the data's last period (the period of its last event, for
-- both bases), zeros included; index 0 holds the whole cohort.
--
-- columns:
--   basis           VARCHAR  activity or purchase
--   grain           VARCHAR  month or week
--   cohort          DATE     first day of the cohort's period
--   period_index    BIGINT   periods after the cohort's (0: the cohort's own)
--   cohort_users    BIGINT   users in the cohort
--   retained_users  BIGINT   of them, users active (or buying) in period cohort + period_index
--   retention_rate  DOUBLE   retained_users / cohort_users
--   complete        BOOLEAN  period cohort + period_index lies wholly between the data's first and last day
WITH grains AS (
  SELECT unnest(['month', 'week']) AS grain
),
cohorts AS (
  SELECT 'activity' AS basis, g.grain, u.user_id, period_start(g.grain, u.first_day) AS cohort
  FROM user_summary u, grains g
  UNION ALL
  SELECT 'purchase', g.grain, u.user_id, period_start(g.grain, u.first_purchase_day)
  FROM user_summary u, grains g
  WHERE u.first_purchase_day IS NOT NULL
),
active_periods AS (
  -- each user's active months are the rows of rollup_users; weeks are counted whole across a month end
  SELECT 'activity' AS basis, 'month' AS grain, user_id, strptime(month, '%Y-%m')::DATE AS period FROM rollup_users
  UNION ALL
  SELECT DISTINCT 'activity', 'week', user_id, period_start('week', day) FROM rollup_user_days
  UNION ALL
  SELECT DISTINCT 'purchase', g.grain, d.user_id, period_start(g.grain, d.day) FROM rollup_user_days d, grains g WHERE d.purchases > 0
),
sizes AS (
  SELECT basis, grain, cohort, count(*) AS cohort_users FROM cohorts GROUP BY ALL
),
retained AS (
  SELECT c.basis, c.grain, c.cohort, periods_between(c.grain, c.cohort, a.period) AS period_index, count(*) AS retained_users
  FROM cohorts c
  JOIN active_periods a USING (basis, grain, user_id)
  GROUP BY ALL
),
grid AS (
  SELECT s.basis, s.grain, s.cohort, s.cohort_users,
    unnest(range(0, periods_between(s.grain, s.cohort, period_start(s.grain, d.last_day)) + 1)) AS period_index
  FROM sizes s, data_span d
)
SELECT
  g.basis, g.grain, g.cohort, g.period_index, g.cohort_users,
  coalesce(r.retained_users, 0) AS retained_users,
  coalesce(r.retained_users, 0) / g.cohort_users AS retention_rate,
  period_complete(g.grain, period_after(g.grain, g.cohort, g.period_index), d.first_day, d.last_day) AS complete
FROM grid g
LEFT JOIN retained r USING (basis, grain, cohort, period_index)
CROSS JOIN data_span d
ORDER BY g.basis, g.grain, g.cohort, g.period_index
