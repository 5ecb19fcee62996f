-- rollup_period_users: users active and buying in each day, week and month of the month
--
-- From this month's rollup_user_months and rollup_user_weeks. Days and the month are exact; a week cut
-- by the month's first or last day holds only its days in this month (sql/acquisition.sql counts such
-- weeks across both months from rollup_user_weeks).
--
-- columns:
--   grain         VARCHAR  day, week or month
--   period        DATE     the day, the week's Monday or the first of the month
--   active_users  BIGINT   users with an event in the period (within the month)
--   buyers        BIGINT   users with a purchase in the period (within the month)
SELECT 'day' AS grain, getvariable('month_start')::DATE + b::INTEGER AS period, count(*) AS active_users, count(*) FILTER ((purchase_days >> b) & 1 = 1) AS buyers
FROM (SELECT purchase_days, unnest(day_bits(active_days)) AS b FROM rollup_user_months)
GROUP BY b
UNION ALL
SELECT 'week', week, count(*), count(*) FILTER (bought)
FROM rollup_user_weeks
GROUP BY week
UNION ALL
SELECT 'month', getvariable('month_start')::DATE, count(*), count(*) FILTER (purchase_days <> 0)
FROM rollup_user_months
