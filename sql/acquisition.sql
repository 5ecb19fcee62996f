-- acquisition: new and returning users, buyers and new buyers per day, week and month
--
-- A user is active in a period with any event in it, a buyer with a purchase. "New" means first in the
-- data the reports cover: a user seen before the data starts counts as new when first seen here. Weeks
-- start on Monday and are counted whole, also across a month end. One row per period in which at least
-- one user is active.
--
-- columns:
--   grain            VARCHAR  day, week or month
--   period           DATE     the day, the week's Monday or the first of the month
--   active_users     BIGINT   users with an event in the period
--   new_users        BIGINT   users whose first event is in the period
--   returning_users  BIGINT   active_users - new_users
--   buyers           BIGINT   users with a purchase in the period
--   new_buyers       BIGINT   users whose first purchase is in the period
--   complete         BOOLEAN  the period lies wholly between the data's first and last day
WITH grains AS (
  SELECT unnest(['day', 'week', 'month']) AS grain
),
active AS (
  SELECT g.grain, period_start(g.grain, d.day) AS period,
    count(DISTINCT d.user_id) AS active_users,
    count(DISTINCT d.user_id) FILTER (d.purchases > 0) AS buyers
  FROM rollup_user_days d, grains g
  GROUP BY ALL
),
firsts AS (
  SELECT g.grain, period_start(g.grain, u.first_day) AS period, count(*) AS new_users, 0 AS new_buyers
  FROM user_summary u, grains g
  GROUP BY ALL
  UNION ALL
  SELECT g.grain, period_start(g.grain, u.first_purchase_day), 0, count(*)
  FROM user_summary u, grains g
  WHERE u.first_purchase_day IS NOT NULL
  GROUP BY ALL
),
new_per_period AS (
  SELECT grain, period, sum(new_users)::BIGINT AS new_users, sum(new_buyers)::BIGINT AS new_buyers FROM firsts GROUP BY ALL
)
SELECT
  a.grain, a.period, a.active_users, coalesce(n.new_users, 0) AS new_users, a.active_users - coalesce(n.new_users, 0) AS returning_users,
  a.buyers, coalesce(n.new_buyers, 0) AS new_buyers,
  period_complete(a.grain, a.period, s.first_day, s.last_day) AS complete
FROM active a
LEFT JOIN new_per_period n USING (grain, period)
CROSS JOIN data_span s
ORDER BY CASE a.grain WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END, a.period
