-- rollup_period_users: users active and buying in each day, week and month of the month
--
-- From this month's rollup_user_days. Days and the month are exact; a week cut by the month's first or
-- last day holds only its days in this month (sql/acquisition.sql counts such weeks across both months
-- from rollup_edge_week_users).
--
-- columns:
--   grain         VARCHAR  day, week or month
--   period        DATE     the day, the week's Monday or the first of the month
--   active_users  BIGINT   users with an event in the period (within the month)
--   buyers        BIGINT   users with a purchase in the period (within the month)
SELECT 'day' AS grain, day AS period, count(*) AS active_users, count(*) FILTER (purchases > 0) AS buyers
FROM rollup_user_days
GROUP BY day
UNION ALL
SELECT 'week', period_start('week', day), count(DISTINCT user_id), count(DISTINCT user_id) FILTER (purchases > 0)
FROM rollup_user_days
GROUP BY 2
UNION ALL
SELECT 'month', getvariable('month_start')::DATE, count(DISTINCT user_id), count(DISTINCT user_id) FILTER (purchases > 0)
FROM rollup_user_days
