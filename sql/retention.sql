-- retention: of each cohort of users, the share still active (or buying) each period after
--
-- A cohort is the users whose first event (basis activity) or first purchase (basis purchase) falls in
-- the same month or week (from Monday); a user counts as retained in the period cohort + period_index
-- with any event (activity) or a purchase (purchase) in it. "First" means first in the data the reports
-- cover: users seen before the data starts join the cohort of the period they are first seen in. Every
-- cohort has a row for every index from 0 to the data's last period (the period of its last event, for
-- both bases), zeros included; index 0 holds the whole cohort. Counted from activity_patterns: a
-- pattern's first period is its users' cohort, each later period it holds retains them.
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
WITH patterns AS (
  SELECT basis, grain, users, set_bits(bits) AS periods FROM activity_patterns
),
retained AS (
  SELECT basis, grain, period_at(grain, cohort_index) AS cohort, period_index, sum(users)::BIGINT AS retained_users
  FROM (SELECT basis, grain, users, periods[1] AS cohort_index, unnest(periods) - periods[1] AS period_index FROM patterns)
  GROUP BY ALL
),
grid AS (
  -- every cohort (its users are those active in its own period) with every index up to the data's last period
  SELECT r.basis, r.grain, r.cohort, r.retained_users AS cohort_users,
    unnest(range(0, periods_between(r.grain, r.cohort, period_start(r.grain, d.last_day)) + 1)) AS period_index
  FROM retained r, data_span d
  WHERE r.period_index = 0
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
