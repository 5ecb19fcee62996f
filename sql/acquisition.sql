-- acquisition: new and returning users, buyers and new buyers per day, week and month
--
-- A user is active in a period with any event in it, a buyer with a purchase. "New" means first in the
-- data the reports cover: a user seen before the data starts counts as new when first seen here. Weeks
-- start on Monday and are counted whole, also across a month end (each user once). One row per period
-- in which at least one user is active.
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
WITH edge_weeks AS (
  -- weeks that a month's first or last day cuts: their users counted once over both months
  SELECT week AS period, count(DISTINCT user_id) AS active_users, count(DISTINCT user_id) FILTER (bought) AS buyers
  FROM rollup_user_weeks
  WHERE week < strptime(month, '%Y-%m')::DATE OR week + 7 > period_after('month', strptime(month, '%Y-%m')::DATE, 1)
  GROUP BY week
),
active AS (
  SELECT grain, period, active_users, buyers
  FROM rollup_period_users
  WHERE grain <> 'week' OR period NOT IN (SELECT period FROM edge_weeks)
  UNION ALL
  SELECT 'week', period, active_users, buyers FROM edge_weeks
),
first_days AS (
  -- users by the day of their first event and of their first purchase; weeks and months add these up
  SELECT first_day AS day, count(*) AS new_users, 0 AS new_buyers FROM user_summary GROUP BY first_day
  UNION ALL
  SELECT first_purchase::DATE, 0, count(*) FROM customers GROUP BY first_purchase::DATE
),
firsts AS (
  SELECT g.grain, period_start(g.grain, f.day) AS period, sum(f.new_users)::BIGINT AS new_users, sum(f.new_buyers)::BIGINT AS new_buyers
  FROM first_days f, (SELECT unnest(['day', 'week', 'month']) AS grain) g
  GROUP BY ALL
)
SELECT
  a.grain, a.period, a.active_users, coalesce(f.new_users, 0) AS new_users, a.active_users - coalesce(f.new_users, 0) AS returning_users,
  a.buyers, coalesce(f.new_buyers, 0) AS new_buyers,
  period_complete(a.grain, a.period, s.first_day, s.last_day) AS complete
FROM active a
LEFT JOIN firsts f USING (grain, period)
CROSS JOIN data_span s
ORDER BY CASE a.grain WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END, a.period
